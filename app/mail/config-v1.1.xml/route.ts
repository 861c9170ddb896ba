import { autoconfigResponse } from "@/lib/mail/client-setup/responses";

/** Thunderbird autoconfig: public by design, it carries only the admin's host names and ports. */
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return await autoconfigResponse(request);
}
