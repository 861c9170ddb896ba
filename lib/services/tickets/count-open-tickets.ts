import "server-only";
import { and, count, ne } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { tickets } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";

export function countOpenTickets(actor: Actor, db: Db = getDb()): number {
  return (
    db
      .select({ n: count() })
      .from(tickets)
      .where(and(ne(tickets.status, "closed"), tenantScope(actor, tickets)))
      .get()?.n ?? 0
  );
}
