import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { tenantScope } from "@/lib/authz/scope";
import { firstRow } from "@/db/rows";
import { readSubscriptionContents, type SubscriptionContents } from "./subscription-contents";

/** The administration's reseller page lists this many; the rest is the reseller's own customer pages' work. */
export const RESELLER_SUBSCRIPTIONS_SHOWN = 50;

/**
 * A reseller's subscriptions by customer number with what ending each would delete, for the
 * administration's reseller page (where a reseller with customers is refused deletion, so the admin
 * needs a way to wind it down). Inside the actor's tenant scope like every reader.
 */
export async function listResellerSubscriptions(
  actor: Actor,
  resellerId: number,
  db: Db = getDb(),
): Promise<{ items: SubscriptionContents[]; total: number }> {
  assertCan(actor, "subscriptions.end");
  const where = and(eq(subscriptions.resellerId, resellerId), tenantScope(actor, subscriptions));
  const rows = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .innerJoin(customers, eq(subscriptions.customerId, customers.id))
    .where(where)
    .orderBy(asc(customers.customerNumber), asc(subscriptions.id))
    .limit(RESELLER_SUBSCRIPTIONS_SHOWN);
  const items: SubscriptionContents[] = [];
  for (const r of rows) items.push(await readSubscriptionContents(db, actor, r.id));
  const total = (await firstRow(db.select({ n: count() }).from(subscriptions).where(where)))?.n ?? 0;
  return { items, total };
}
