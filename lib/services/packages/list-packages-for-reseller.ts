import "server-only";
import { asc, count } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, packages } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";

export function listPackagesForReseller(actor: Actor, db: Db = getDb()) {
  return db
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
    .orderBy(asc(packages.name))
    .all();
}

export function countCustomersForReseller(actor: Actor, db: Db = getDb()): number {
  return (
    db
      .select({ n: count() })
      .from(customers)
      .where(tenantScope(actor, { resellerId: customers.resellerId, customerId: customers.id }))
      .get()?.n ?? 0
  );
}
