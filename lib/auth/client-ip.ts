import "server-only";
import { headers } from "next/headers";
import { trustsProxy } from "@/lib/config";

/**
 * The client address for throttling and the audit log. Next's server appends the socket address as
 * the last X-Forwarded-For hop; earlier hops are client-supplied and only believed behind a
 * configured proxy (KONTOR_TRUST_PROXY=1), where the first hop is the real client.
 */
export async function clientIp(): Promise<string> {
  const h = await headers();
  const hops = (h.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const ip = trustsProxy() ? hops[0] : hops[hops.length - 1];
  return ip || "unknown";
}
