import { currentHealth } from "@/lib/health/check";

export const dynamic = "force-dynamic";

/**
 * For load balancers and monitoring: 200 when this instance can serve (database reachable, its
 * migrations current, the configured mail services greeting), 503 otherwise; JSON saying which part
 * fails (lib/health/check.ts). Public and session-free on purpose: it reads no cookie, names no
 * tenant, host, version or secret, and costs two small queries and a few loopback connections at most once
 * a second per worker. Never cached on the way: each poll must see the present state.
 */
export async function GET() {
  const report = await currentHealth();
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
