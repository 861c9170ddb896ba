import "server-only";
import { asc, count } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, packages } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { firstRow } from "@/db/rows";

export async function listPackagesForReseller(actor: Actor, db: Db = getDb()) {
  return await db
    .select({
      id: packages.id,
      name: packages.name,
      panel: packages.panel,
      maxDomains: packages.maxDomains,
      maxMailboxes: packages.maxMailboxes,
      mailboxQuotaMb: packages.mailboxQuotaMb,
    })
    .from(packages)
    .where(tenantScope(actor, packages))
    .orderBy(asc(packages.name));
}

export async function countCustomersForReseller(actor: Actor, db: Db = getDb()): Promise<number> {
  return (
    (
      await firstRow(
        db
          .select({ n: count() })
          .from(customers)
          .where(tenantScope(actor, { resellerId: customers.resellerId, customerId: customers.id })),
      )
    )?.n ?? 0
  );
}
