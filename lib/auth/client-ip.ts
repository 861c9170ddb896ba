import "server-only";
import { isIP } from "node:net";
import { headers } from "next/headers";
import { trustsProxy } from "@/lib/config";
import { plainAddress, SOCKET_ADDRESS_HEADER, SOCKET_ADDRESS_MARK } from "@/lib/security/socket-address.mjs";

/**
 * The client address for throttling and the audit log: the TCP peer, which scripts/serve.mjs puts
 * into a header of ours (see lib/security/socket-address.mjs for why X-Forwarded-For is not it).
 * "unknown" where no server of ours set it (`next dev`, `next start`), never a header a visitor chose.
 */
export async function clientIp(): Promise<string> {
  return clientIpOf(await headers());
}

/** clientIp from a route handler's own request headers (the same rules). */
export function clientIpOf(h: Headers): string {
  const fromServer = (globalThis as Record<symbol, unknown>)[SOCKET_ADDRESS_MARK] === true;
  return pickClientAddress({
    socket: fromServer ? (h.get(SOCKET_ADDRESS_HEADER) ?? "") : "",
    forwardedFor: h.get("x-forwarded-for") ?? "",
    // KONTOR_TRUST_PROXY=1: one proxy of the operator's in front.
    trustedHops: trustsProxy() ? 1 : 0,
  });
}

/**
 * Behind `trustedHops` proxies of the operator's, each appends the address it was connected from to
 * X-Forwarded-For, so the client is that many hops from the right; every hop further left came from
 * the visitor and is ignored. Without a trusted proxy the header is ignored altogether.
 */
export function pickClientAddress({
  socket,
  forwardedFor,
  trustedHops,
}: {
  socket: string;
  forwardedFor: string;
  trustedHops: number;
}): string {
  const peer = plainAddress(socket) || "unknown";
  if (trustedHops < 1) return peer;
  const hops = forwardedFor
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const added = hops.length >= trustedHops ? plainAddress(hops[hops.length - trustedHops]) : "";
  return isIP(added) ? added : peer;
}
