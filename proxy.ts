import { type NextRequest, NextResponse } from "next/server";
import { config as settings } from "@/lib/config";
import { buildCsp, createNonce } from "@/lib/security/csp.mjs";

/**
 * Gives every response a Content-Security-Policy with a fresh script nonce. Next reads the nonce
 * from the request's CSP header while rendering and puts it on its own <script> tags, so scripts run
 * without 'unsafe-inline'. This proxy only sets headers; authorization happens in the data layer.
 *
 * In production scripts/serve.mjs sets the policy before Next sees the request (applyCsp), which is
 * cheaper than a proxy round; the matcher then skips the proxy. It runs for `next dev`.
 */
export function proxy(request: NextRequest) {
  const csp = buildCsp({ nonce: createNonce(), isDev: settings().nodeEnv === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Static assets run no inline code and get next.config.mjs's nonce-free policy instead.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)", missing: [{ type: "header", key: "content-security-policy" }] }],
};
