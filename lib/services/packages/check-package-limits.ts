import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, domains, subscriptions } from "@/db/schema";
import { type Exceeded } from "@/lib/services/orders/limit-error";
import { accountUsage, noPanelAllowance, subscriptionUsage } from "@/lib/services/orders/usage";
import type { PackageInput, PackageLimits } from "@/lib/validation/package";

type Reader = Pick<Db, "select">;

/**
 * Which subscriptions of a package would exceed the given limits, each named by customer number and
 * first domain. For packages without panel the mail accounts count, per customer, against all of its
 * no-panel packages together.
 */
export async function findExceededLimits(
  tx: Reader,
  packageId: number,
  panel: PackageInput["panel"],
  limits: PackageLimits,
): Promise<Exceeded[]> {
  const subs = await tx
    .select({ id: subscriptions.id, customerId: subscriptions.customerId, number: customers.customerNumber })
    .from(subscriptions)
    .innerJoin(customers, eq(subscriptions.customerId, customers.id))
    .where(eq(subscriptions.packageId, packageId))
    .orderBy(asc(customers.customerNumber), asc(subscriptions.id));
  if (!subs.length) return [];
  const usage = await subscriptionUsage(
    tx,
    subs.map((s) => s.id),
  );
  const firstDomain = new Map<number, string>();
  for (const d of await tx
    .select({ sub: domains.subscriptionId, name: domains.name })
    .from(domains)
    .where(
      inArray(
        domains.subscriptionId,
        subs.map((s) => s.id),
      ),
    )
    .orderBy(asc(domains.name))) {
    if (!firstDomain.has(d.sub)) firstDomain.set(d.sub, d.name);
  }
  const out: Exceeded[] = [];
  const check = (limit: Exceeded["limit"], used: number, max: number | null, where: string) => {
    if (max !== null && used > max) out.push({ limit, used, max, where });
  };
  const seenCustomers = new Set<number>();
  for (const s of subs) {
    const u = usage.get(s.id) ?? { domains: 0, mailboxes: 0, forwards: 0, maxQuotaMb: 0 };
    const domain = firstDomain.get(s.id);
    const where = domain === undefined ? s.number : `${s.number} · ${domain}`;
    check("maxDomains", u.domains, limits.maxDomains, where);
    check("maxForwards", u.forwards, limits.maxForwards, where);
    if (panel !== "none") {
      check("maxMailboxes", u.mailboxes, limits.maxMailboxes, where);
      check("mailboxQuotaMb", u.maxQuotaMb, limits.mailboxQuotaMb, where);
    } else if (!seenCustomers.has(s.customerId)) {
      seenCustomers.add(s.customerId);
      const allowance = await noPanelAllowance(tx, s.customerId, {
        packageId,
        maxMailboxes: limits.maxMailboxes,
        mailboxQuotaMb: limits.mailboxQuotaMb,
      });
      const accounts = await accountUsage(tx, s.customerId);
      check("maxMailboxes", accounts.accounts, allowance.maxAccounts, s.number);
      check("mailboxQuotaMb", accounts.maxQuotaMb, allowance.quotaMb, s.number);
    }
  }
  return out;
}
