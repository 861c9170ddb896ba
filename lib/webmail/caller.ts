import "server-only";
import crypto from "node:crypto";
import { webmailAllowedAddresses, webmailSecret } from "@/lib/config";

/**
 * Whether a request to the webmail endpoint comes from the webmail: straight from an allowed socket
 * address (loopback or KONTOR_WEBMAIL_ALLOWED_ADDRESSES) and carrying the shared secret. Next appends
 * the socket address as the last X-Forwarded-For hop; any earlier hop means the request passed a
 * proxy (or claims to) and is refused, so a public reverse proxy on loopback cannot relay outsiders.
 */
export function isWebmailCaller(forwardedFor: string | null, authorization: string | null): boolean {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (hops.length !== 1 || !webmailAllowedAddresses().includes(hops[0])) return false;
  const presented = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "";
  const a = crypto.createHash("sha256").update(presented).digest();
  const b = crypto.createHash("sha256").update(webmailSecret()).digest();
  return presented.length > 0 && crypto.timingSafeEqual(a, b);
}

export function socketAddress(forwardedFor: string | null): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return hops[hops.length - 1] ?? "unknown";
}
