import "server-only";
import { and, count, eq, inArray, max, sql, sum } from "drizzle-orm";
import type { Db } from "@/db";
import { domains, forwards, mailAccounts, mailboxes, packages, subscriptions } from "@/db/schema";
import { firstRow } from "@/db/rows";

type Reader = Pick<Db, "select">;

/** A quota of NULL means unlimited, which is more than any limit. */
export const UNLIMITED_QUOTA = 2_147_483_647;

export type SubscriptionUsage = { domains: number; mailboxes: number; forwards: number; maxQuotaMb: number };

/** Domains, mailboxes (from the maintained counters), forwards and the largest mailbox quota per subscription. */
export async function subscriptionUsage(tx: Reader, ids: number[]): Promise<Map<number, SubscriptionUsage>> {
  const out = new Map<number, SubscriptionUsage>(ids.map((id) => [id, { domains: 0, mailboxes: 0, forwards: 0, maxQuotaMb: 0 }]));
  if (!ids.length) return out;
  const d = await tx
    .select({ id: domains.subscriptionId, n: count(), mb: sum(domains.mailboxCount) })
    .from(domains)
    .where(inArray(domains.subscriptionId, ids))
    .groupBy(domains.subscriptionId);
  for (const r of d) Object.assign(out.get(r.id) ?? {}, { domains: r.n, mailboxes: Number(r.mb ?? 0) });
  const q = await tx
    .select({ id: domains.subscriptionId, q: max(sql<number>`coalesce(${mailboxes.quotaMb}, ${UNLIMITED_QUOTA})`) })
    .from(mailboxes)
    .innerJoin(domains, eq(mailboxes.domainId, domains.id))
    .where(inArray(domains.subscriptionId, ids))
    .groupBy(domains.subscriptionId);
  for (const r of q) Object.assign(out.get(r.id) ?? {}, { maxQuotaMb: Number(r.q ?? 0) });
  const f = await tx
    .select({ id: domains.subscriptionId, n: count() })
    .from(forwards)
    .innerJoin(mailboxes, eq(forwards.mailboxId, mailboxes.id))
    .innerJoin(domains, eq(mailboxes.domainId, domains.id))
    .where(inArray(domains.subscriptionId, ids))
    .groupBy(domains.subscriptionId);
  for (const r of f) Object.assign(out.get(r.id) ?? {}, { forwards: r.n });
  return out;
}

export type Allowance = { subscriptions: number; maxAccounts: number | null; quotaMb: number | null };

/**
 * What a customer's packages without panel allow together: mail accounts are per customer, so the
 * account limits of all its no-panel subscriptions add up (any unlimited one makes it unlimited).
 * `override` replaces one package's limits, to test a lowered limit before saving it.
 */
export async function noPanelAllowance(
  tx: Reader,
  customerId: number,
  override?: { packageId: number; maxMailboxes: number | null; mailboxQuotaMb: number | null },
): Promise<Allowance> {
  const rows = (
    await tx
      .select({ packageId: packages.id, maxMailboxes: packages.maxMailboxes, quota: packages.mailboxQuotaMb })
      .from(subscriptions)
      .innerJoin(packages, eq(subscriptions.packageId, packages.id))
      .where(and(eq(subscriptions.customerId, customerId), eq(packages.panel, "none")))
  ).map((r) =>
    override && r.packageId === override.packageId ? { ...r, maxMailboxes: override.maxMailboxes, quota: override.mailboxQuotaMb } : r,
  );
  const unlimited = rows.some((r) => r.maxMailboxes === null);
  const unlimitedQuota = rows.some((r) => r.quota === null);
  return {
    subscriptions: rows.length,
    maxAccounts: unlimited ? null : rows.reduce((n, r) => n + (r.maxMailboxes ?? 0), 0),
    quotaMb: unlimitedQuota ? null : rows.reduce((m, r) => Math.max(m, r.quota ?? 0), 0),
  };
}

/** Mail accounts of a customer and the largest quota among them. */
export async function accountUsage(tx: Reader, customerId: number): Promise<{ accounts: number; maxQuotaMb: number }> {
  const row = await firstRow(
    tx
      .select({ n: count(), q: max(sql<number>`coalesce(${mailAccounts.quotaMb}, ${UNLIMITED_QUOTA})`) })
      .from(mailAccounts)
      .where(eq(mailAccounts.customerId, customerId)),
  );
  return { accounts: row?.n ?? 0, maxQuotaMb: Number(row?.q ?? 0) };
}

export type MailAccountUsage = { used: number; max: number | null };

/**
 * The one usage figure of a customer's packages without panel: mail accounts against the allowance of
 * all those packages together. The E-Mail-Administration, the Domainverwaltung and the reseller's
 * customer page all show this, so they cannot disagree.
 */
export async function mailAccountUsage(tx: Reader, customerId: number): Promise<MailAccountUsage> {
  return { used: (await accountUsage(tx, customerId)).accounts, max: (await noPanelAllowance(tx, customerId)).maxAccounts };
}
