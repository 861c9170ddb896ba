import "server-only";
import { asc, count, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";

/** The reseller's packages with their limits and how many subscriptions use each. */
export async function listPackagesWithUsage(actor: Actor, db: Db = getDb()) {
  return await db
    .select({
      id: packages.id,
      name: packages.name,
      panel: packages.panel,
      maxDomains: packages.maxDomains,
      maxMailboxes: packages.maxMailboxes,
      mailboxQuotaMb: packages.mailboxQuotaMb,
      maxForwards: packages.maxForwards,
      spamFilterEnabled: packages.spamFilterEnabled,
      forwardingEnabled: packages.forwardingEnabled,
      subscriptionCount: count(subscriptions.id),
    })
    .from(packages)
    .leftJoin(subscriptions, eq(subscriptions.packageId, packages.id))
    .where(tenantScope(actor, packages))
    .groupBy(packages.id)
    .orderBy(asc(packages.name));
}
