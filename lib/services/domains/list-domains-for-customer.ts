import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { displayDomain } from "@/lib/validation/names";

/** A customer's domains with package and panel; the Domainverwaltung issue adds search and paging. */
export function listDomainsForCustomer(actor: Actor, opts: { limit?: number } = {}, db: Db = getDb()) {
  const rows = db
    .select({
      id: domains.id,
      name: domains.name,
      mailboxCount: domains.mailboxCount,
      subscriptionId: domains.subscriptionId,
      packageName: packages.name,
      panel: packages.panel,
      maxMailboxes: packages.maxMailboxes,
    })
    .from(domains)
    .innerJoin(subscriptions, eq(domains.subscriptionId, subscriptions.id))
    .innerJoin(packages, eq(subscriptions.packageId, packages.id))
    .where(and(eq(domains.customerId, actor.customerId ?? -1), tenantScope(actor, domains)))
    .orderBy(asc(domains.name))
    .limit(opts.limit ?? 50)
    .all();
  return rows.map((r) => ({ ...r, displayName: displayDomain(r.name) }));
}
