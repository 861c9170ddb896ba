import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { cache } from "react";
import { type Db, getDb } from "@/db";
import { preparedQuery } from "@/db/prepared";
import { domains, packages, subscriptions, type PanelKind } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { preparedTenantScope, type ScopeKind, scopeKind, tenantParams } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { displayDomain } from "@/lib/validation/names";
import { firstRow } from "@/db/rows";

export type PanelSubscription = {
  id: number;
  packageName: string;
  panel: PanelKind;
  limits: { maxMailboxes: number | null; mailboxQuotaMb: number | null; maxForwards: number | null; maxAliases: number | null };
  features: { spamFilter: boolean; forwarding: boolean };
  domains: { id: number; name: string; displayName: string; mailboxCount: number }[];
  mailboxTotal: number;
};

// Every panel page loads its subscription; prepared per kind of tenant scope.
const subscriptionById = preparedQuery((db, scope: ScopeKind) =>
  db
    .select({
      id: subscriptions.id,
      packageName: packages.name,
      panel: packages.panel,
      maxMailboxes: packages.maxMailboxes,
      mailboxQuotaMb: packages.mailboxQuotaMb,
      maxForwards: packages.maxForwards,
      maxAliases: packages.maxAliases,
      spamFilter: packages.spamFilterEnabled,
      forwarding: packages.forwardingEnabled,
      mailboxTotal: subscriptions.mailboxCount,
    })
    .from(subscriptions)
    .innerJoin(packages, eq(subscriptions.packageId, packages.id))
    .where(and(eq(subscriptions.id, sql.placeholder("id")), preparedTenantScope(scope, subscriptions))),
);
const subscriptionDomains = preparedQuery((db, scope: ScopeKind) =>
  db
    .select({ id: domains.id, name: domains.name, mailboxCount: domains.mailboxCount })
    .from(domains)
    .where(and(eq(domains.subscriptionId, sql.placeholder("id")), preparedTenantScope(scope, domains)))
    .orderBy(asc(domains.name)),
);

/**
 * A subscription of the acting customer with its package and domains. The tenant scope sits in the
 * same WHERE as the id: a foreign or missing subscription is the same NotFoundError (404).
 */
export async function getSubscriptionForCustomer(actor: Actor, subscriptionId: number, db: Db = getDb()): Promise<PanelSubscription> {
  const scope = scopeKind(actor);
  const row = await firstRow(subscriptionById(db, scope).execute({ id: subscriptionId, ...tenantParams(actor) }));
  if (!row) throw new NotFoundError();
  const domainRows = await subscriptionDomainRows(actor, row.id, db);
  return {
    id: row.id,
    packageName: row.packageName,
    panel: row.panel,
    limits: {
      maxMailboxes: row.maxMailboxes,
      mailboxQuotaMb: row.mailboxQuotaMb,
      maxForwards: row.maxForwards,
      maxAliases: row.maxAliases,
    },
    features: { spamFilter: row.spamFilter, forwarding: row.forwarding },
    domains: domainRows.map((d) => ({ ...d, displayName: displayDomain(d.name) })),
    mailboxTotal: row.mailboxTotal,
  };
}

/**
 * The subscription's domains in name order, inside the actor's tenant scope (none for a foreign one).
 * Remembered for one render (React cache, keyed by actor, id and database object): a panel page's
 * layout and its address list both ask, which was the same query twice per page view.
 */
export const subscriptionDomainRows = cache(async (actor: Actor, subscriptionId: number, db: Db = getDb()) => {
  return await subscriptionDomains(db, scopeKind(actor)).execute({ id: subscriptionId, ...tenantParams(actor) });
});

/** Mailboxes of a subscription from its maintained counter (no COUNT over mailboxes, no sum over domains). */
export async function countSubscriptionMailboxes(tx: Pick<Db, "select">, subscriptionId: number): Promise<number> {
  return (
    (await firstRow(tx.select({ n: subscriptions.mailboxCount }).from(subscriptions).where(eq(subscriptions.id, subscriptionId))))?.n ?? 0
  );
}
