import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, domains, packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { accountUsage, noPanelAllowance, subscriptionUsage } from "@/lib/services/orders/usage";
import { displayDomain } from "@/lib/validation/names";
import { firstRow } from "@/db/rows";

/**
 * A customer of the acting reseller with Stammdaten, subscriptions, domains and usage against the
 * package limits. Another reseller's customer is NotFound (404).
 */
export async function getCustomerOrThrow(actor: Actor, id: number, db: Db = getDb()) {
  const customer = await firstRow(
    db
      .select({
        id: customers.id,
        customerNumber: customers.customerNumber,
        company: customers.company,
        contactName: customers.contactName,
        street: customers.street,
        postalCode: customers.postalCode,
        city: customers.city,
        country: customers.country,
        phone: customers.phone,
        contactEmail: customers.contactEmail,
      })
      .from(customers)
      .where(and(eq(customers.id, id), tenantScope(actor, { resellerId: customers.resellerId, customerId: customers.id }))),
  );
  if (!customer) throw new NotFoundError();
  const subs = await db
    .select({
      id: subscriptions.id,
      packageId: packages.id,
      packageName: packages.name,
      panel: packages.panel,
      maxDomains: packages.maxDomains,
      maxMailboxes: packages.maxMailboxes,
      mailboxQuotaMb: packages.mailboxQuotaMb,
      maxForwards: packages.maxForwards,
    })
    .from(subscriptions)
    .innerJoin(packages, eq(subscriptions.packageId, packages.id))
    .where(and(eq(subscriptions.customerId, customer.id), tenantScope(actor, subscriptions)))
    .orderBy(asc(subscriptions.id));
  const usage = await subscriptionUsage(
    db,
    subs.map((s) => s.id),
  );
  const domainRows = await db
    .select({ id: domains.id, name: domains.name, subscriptionId: domains.subscriptionId, mailboxCount: domains.mailboxCount })
    .from(domains)
    .where(and(eq(domains.customerId, customer.id), tenantScope(actor, domains)))
    .orderBy(asc(domains.name));
  return {
    customer,
    subscriptions: subs.map((s) => ({
      ...s,
      usage: usage.get(s.id) ?? { domains: 0, mailboxes: 0, forwards: 0, maxQuotaMb: 0 },
      domains: domainRows.filter((d) => d.subscriptionId === s.id).map((d) => ({ ...d, displayName: displayDomain(d.name) })),
    })),
    mailAccounts: { ...(await accountUsage(db, customer.id)), allowance: await noPanelAllowance(db, customer.id) },
  };
}
export type CustomerDetail = Awaited<ReturnType<typeof getCustomerOrThrow>>;
