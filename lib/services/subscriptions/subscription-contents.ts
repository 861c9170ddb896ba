import "server-only";
import { and, asc, count, eq, inArray, ne } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, mailAccounts, mailAliases, packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { subscriptionOrThrow } from "@/lib/services/orders/scoped-rows";
import { firstRow } from "@/db/rows";

type Reader = Pick<Db, "select" | "selectDistinct">;

/** What ending a subscription deletes, as the confirmation names it and the audit entry records it. */
export type SubscriptionContents = {
  id: number;
  customerId: number;
  customerNumber: string;
  packageId: number;
  packageName: string;
  domains: { id: number; name: string }[];
  mailboxes: number;
  aliases: number;
  /** The customer's mail accounts (`.001` …): they go with its last subscription of a package without panel. */
  mailAccounts: number;
};

/**
 * Reads a subscription of the actor's tenant scope with what would go with it; another reseller's
 * subscription is NotFound (404). Used inside the deleting transaction as well, so the counts the
 * audit entry records are the ones deleted.
 */
export async function readSubscriptionContents(tx: Reader, actor: Actor, id: number): Promise<SubscriptionContents> {
  const sub = await subscriptionOrThrow(tx, actor, id);
  const domainRows = await tx
    .select({ id: domains.id, name: domains.name })
    .from(domains)
    .where(eq(domains.subscriptionId, sub.id))
    .orderBy(asc(domains.name));
  const domainIds = domainRows.map((d) => d.id);
  const aliases = domainIds.length
    ? ((await firstRow(tx.select({ n: count() }).from(mailAliases).where(inArray(mailAliases.domainId, domainIds))))?.n ?? 0)
    : 0;
  // The trigger-kept counter (migration 0007): no COUNT over a 200,000-mailbox domain.
  const mailboxes =
    (await firstRow(tx.select({ n: subscriptions.mailboxCount }).from(subscriptions).where(eq(subscriptions.id, sub.id))))?.n ?? 0;
  const accounts = (await endsMailAccounts(tx, sub))
    ? ((await firstRow(tx.select({ n: count() }).from(mailAccounts).where(eq(mailAccounts.customerId, sub.customerId))))?.n ?? 0)
    : 0;
  return {
    id: sub.id,
    customerId: sub.customerId,
    customerNumber: sub.customerNumber,
    packageId: sub.packageId,
    packageName: sub.packageName,
    domains: domainRows,
    mailboxes,
    aliases,
    mailAccounts: accounts,
  };
}

/** The same for the panel's confirmation and the API's GET, behind the permission. */
export async function getSubscriptionContents(actor: Actor, id: number, db: Db = getDb()): Promise<SubscriptionContents> {
  assertCan(actor, "subscriptions.end");
  return await readSubscriptionContents(db, actor, id);
}

/**
 * Mail accounts belong to the customer, not to one subscription (SPEC: `.001` is created at the first
 * order of a package without panel). They are deleted with the last such subscription, since no
 * domain would be left for their addresses; while another one remains they stay.
 */
export async function endsMailAccounts(tx: Reader, sub: { id: number; customerId: number; panel: string }): Promise<boolean> {
  if (sub.panel !== "none") return false;
  const other = await firstRow(
    tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .innerJoin(packages, eq(subscriptions.packageId, packages.id))
      .where(and(eq(subscriptions.customerId, sub.customerId), ne(subscriptions.id, sub.id), eq(packages.panel, "none"))),
  );
  return !other;
}
