import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, domains, packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { accountUsage, noPanelAllowance, subscriptionUsage } from "@/lib/services/orders/usage";
import { displayDomain } from "@/lib/validation/names";

/**
 * A customer of the acting reseller with Stammdaten, subscriptions, domains and usage against the
 * package limits. Another reseller's customer is NotFound (404).
 */
export function getCustomerOrThrow(actor: Actor, id: number, db: Db = getDb()) {
  const customer = db
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
    .where(and(eq(customers.id, id), tenantScope(actor, { resellerId: customers.resellerId, customerId: customers.id })))
    .get();
  if (!customer) throw new NotFoundError();
  const subs = db
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
    .orderBy(asc(subscriptions.id))
    .all();
  const usage = subscriptionUsage(
    db,
    subs.map((s) => s.id),
  );
  const domainRows = db
    .select({ id: domains.id, name: domains.name, subscriptionId: domains.subscriptionId, mailboxCount: domains.mailboxCount })
    .from(domains)
    .where(and(eq(domains.customerId, customer.id), tenantScope(actor, domains)))
    .orderBy(asc(domains.name))
    .all();
  return {
    customer,
    subscriptions: subs.map((s) => ({
      ...s,
      usage: usage.get(s.id) ?? { domains: 0, mailboxes: 0, forwards: 0, maxQuotaMb: 0 },
      domains: domainRows.filter((d) => d.subscriptionId === s.id).map((d) => ({ ...d, displayName: displayDomain(d.name) })),
    })),
    mailAccounts: { ...accountUsage(db, customer.id), allowance: noPanelAllowance(db, customer.id) },
  };
}
export type CustomerDetail = ReturnType<typeof getCustomerOrThrow>;
