import "server-only";
import { count } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { TICKET_STATUSES, tickets } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";

type Status = (typeof TICKET_STATUSES)[number];

/** Per-status counts for the queue overview, served by the (status, id) index. */
export async function countTicketsByStatus(actor: Actor, db: Db = getDb()): Promise<Record<Status, number>> {
  const rows = await db
    .select({ status: tickets.status, n: count() })
    .from(tickets)
    .where(tenantScope(actor, tickets))
    .groupBy(tickets.status);
  const out = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const r of rows) out[r.status] = r.n;
  return out;
}
