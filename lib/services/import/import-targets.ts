import "server-only";
import { asc, eq, min } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, domains, packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { tenantScope } from "@/lib/authz/scope";
import { displayDomain } from "@/lib/validation/names";

export type ImportTargetOption = { id: number; label: string };

/** The subscriptions an actor may import into, named "K10001 · Paket · first domain". */
export async function listImportTargets(actor: Actor, db: Db = getDb()): Promise<ImportTargetOption[]> {
  assertCan(actor, "import.manage");
  const rows = await db
    .select({
      id: subscriptions.id,
      customerNumber: customers.customerNumber,
      packageName: packages.name,
      domain: min(domains.name),
    })
    .from(subscriptions)
    .innerJoin(customers, eq(subscriptions.customerId, customers.id))
    .innerJoin(packages, eq(subscriptions.packageId, packages.id))
    .leftJoin(domains, eq(domains.subscriptionId, subscriptions.id))
    // Packages without panel too: their imports write the customer's mail accounts.
    .where(tenantScope(actor, subscriptions))
    // PostgreSQL wants every selected column that is not aggregated in the GROUP BY (SQLite did not ask).
    .groupBy(subscriptions.id, customers.customerNumber, packages.name)
    .orderBy(asc(customers.customerNumber), asc(subscriptions.id))
    .limit(1000);
  return rows.map((r) => ({
    id: r.id,
    label: [r.customerNumber, r.packageName, r.domain ? displayDomain(r.domain) : null].filter(Boolean).join(" · "),
  }));
}
