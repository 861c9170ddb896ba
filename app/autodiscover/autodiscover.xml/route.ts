import { autodiscoverResponse } from "@/lib/mail/client-setup/responses";

/** Outlook autodiscover (POX): public by design, it carries only host names and ports. */
export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return autodiscoverResponse(request);
}

export function GET(request: Request) {
  return autodiscoverResponse(request);
}
