import "server-only";
import { getServerSettings } from "@/lib/services/settings/server-settings";
import { clientAccount } from "./account";
import { buildAutoconfigXml } from "./autoconfig";
import { buildAutodiscoverXml, MAX_AUTODISCOVER_REQUEST_BYTES, parseAutodiscoverRequest } from "./autodiscover";

const XML_HEADERS = { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "no-cache" };

/** GET autoconfig: the same answer for every address (only hosts and ports), so nothing can be probed. */
export async function autoconfigResponse(request: Request): Promise<Response> {
  const address = new URL(request.url).searchParams.get("emailaddress");
  return new Response(buildAutoconfigXml(clientAccount(await getServerSettings(), address)), { headers: XML_HEADERS });
}

/** Reads at most the limit and stops; a bigger body is refused without being buffered whole. */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** POST autodiscover (Outlook's request XML) or GET (some clients probe with GET first). */
export async function autodiscoverResponse(request: Request): Promise<Response> {
  let address: string | null = null;
  if (request.method === "POST") {
    const body = await readLimited(request, MAX_AUTODISCOVER_REQUEST_BYTES);
    const parsed = body === null ? { ok: false as const } : parseAutodiscoverRequest(body);
    if (!parsed.ok) return new Response("Bad request\n", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    address = parsed.emailAddress;
  } else {
    address = new URL(request.url).searchParams.get("emailaddress") ?? new URL(request.url).searchParams.get("email");
  }
  return new Response(buildAutodiscoverXml(clientAccount(await getServerSettings(), address)), { headers: XML_HEADERS });
}
