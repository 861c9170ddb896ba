import "server-only";
import { createActionURL } from "@auth/core";
import { decode } from "@auth/core/jwt";
import { cookies, headers } from "next/headers";
import { authSecret, config } from "@/lib/config";
import { auth } from "./auth";
import { type SessionPrincipal, toSessionPrincipal } from "./session-principal";

/**
 * The adapter for next-auth's session cookie (ARCHITECTURE.md, "Library seams"). It relies on what
 * next-auth does without documenting it: the cookie's names, and the token encrypted with
 * @auth/core/jwt's encode using the cookie name as salt. tests/unit/library-seams.test.ts signs in
 * through @auth/core and reads the cookie back; it also fails when these versions change.
 */
export const VERIFIED_WITH = { "next-auth": "5.0.0-beta.32", "@auth/core": "0.41.3" };

/** Decoded session tokens by their cookie value; a browser sends the same token with every request. */
const decoded = new Map<string, { principal: SessionPrincipal; expiresAt: number }>();
const CACHE_LIMIT = 10_000;

/**
 * The principal of the request's session cookie. next-auth's auth() decrypts the token and encrypts
 * a renewed one on every call, which a page cannot even send (pages cannot set cookies): about 1 ms
 * of each page view in the benchmark's profiles. This decrypts a token once and remembers it until
 * it expires. The cookie is renewed where it can be: server actions call auth() (define-action.ts).
 * Revocation, session version and lifetime are still checked per request by getActor.
 */
export async function readSessionPrincipal(): Promise<SessionPrincipal | undefined> {
  const name = await sessionCookieName();
  const jar = await cookies();
  // A token too big for one cookie is split by next-auth; ours never are, so let next-auth join them.
  if (jar.has(`${name}.0`)) return (await auth())?.principal;
  const token = jar.get(name)?.value;
  if (!token) return undefined;
  const now = Date.now();
  const hit = decoded.get(token);
  if (hit) {
    if (hit.expiresAt > now) return hit.principal;
    decoded.delete(token);
    return undefined;
  }
  const payload = await decode({ token, secret: authSecret(), salt: name }).catch(() => null);
  const principal = toSessionPrincipal(payload?.principal);
  if (!principal || typeof payload?.exp !== "number") return undefined;
  if (decoded.size >= CACHE_LIMIT) decoded.delete(decoded.keys().next().value as string);
  decoded.set(token, { principal, expiresAt: payload.exp * 1000 });
  return principal;
}

/** The cookie next-auth itself reads: the __Secure- one when the panel is reached over https. */
async function sessionCookieName(): Promise<string> {
  const h = await headers();
  // next-auth's call (next-auth/lib/index.js) with the one variable it reads: Next sets
  // x-forwarded-proto on every request.
  const url = createActionURL("session", h.get("x-forwarded-proto") as string, h, { AUTH_URL: config().auth.url }, {});
  return url.protocol === "https:" ? "__Secure-authjs.session-token" : "authjs.session-token";
}
