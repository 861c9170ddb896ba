import "server-only";
import { and, count, ne } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { tickets } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { firstRow } from "@/db/rows";

export async function countOpenTickets(actor: Actor, db: Db = getDb()): Promise<number> {
  return (
    (
      await firstRow(
        db
          .select({ n: count() })
          .from(tickets)
          .where(and(ne(tickets.status, "closed"), tenantScope(actor, tickets))),
      )
    )?.n ?? 0
  );
}
