import "server-only";
import { and, eq, inArray, like, ne, or } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, domains, packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { firstRow } from "@/db/rows";

type Reader = Pick<Db, "select">;

/** Loaders with the tenant scope in the same WHERE as the id: another reseller's row is NotFound (404). */
export async function customerOrThrow(tx: Reader, actor: Actor, id: number) {
  const row = await firstRow(
    tx
      .select({ id: customers.id, resellerId: customers.resellerId, customerNumber: customers.customerNumber })
      .from(customers)
      .where(and(eq(customers.id, id), tenantScope(actor, { resellerId: customers.resellerId, customerId: customers.id }))),
  );
  if (!row) throw new NotFoundError();
  return row;
}

export async function packageOrThrow(tx: Reader, actor: Actor, id: number) {
  const row = await firstRow(
    tx
      .select()
      .from(packages)
      .where(and(eq(packages.id, id), tenantScope(actor, packages))),
  );
  if (!row) throw new NotFoundError();
  return row;
}

export async function subscriptionOrThrow(tx: Reader, actor: Actor, id: number) {
  const row = await firstRow(
    tx
      .select({
        id: subscriptions.id,
        resellerId: subscriptions.resellerId,
        customerId: subscriptions.customerId,
        packageId: subscriptions.packageId,
        panel: packages.panel,
        maxDomains: packages.maxDomains,
        maxMailboxes: packages.maxMailboxes,
        mailboxQuotaMb: packages.mailboxQuotaMb,
        maxForwards: packages.maxForwards,
        packageName: packages.name,
        customerNumber: customers.customerNumber,
      })
      .from(subscriptions)
      .innerJoin(packages, eq(subscriptions.packageId, packages.id))
      .innerJoin(customers, eq(subscriptions.customerId, customers.id))
      .where(and(eq(subscriptions.id, id), tenantScope(actor, subscriptions))),
  );
  if (!row) throw new NotFoundError();
  return row;
}

export async function domainOrThrow(tx: Reader, actor: Actor, id: number) {
  const row = await firstRow(
    tx
      .select()
      .from(domains)
      .where(and(eq(domains.id, id), tenantScope(actor, domains))),
  );
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * Domain names are unique across the installation, and no customer may add a subdomain or a parent
 * domain of another customer's domain (it would receive mail meant for that customer's names).
 * `name` is canonical (lib/services/orders/domain-name.ts), so only letters, digits, dots and dashes.
 */
export async function assertDomainFree(tx: Reader, name: string, ownerCustomerId: number, field = "domain") {
  const labels = name.split(".");
  const parents = labels.slice(1).map((_, i) => labels.slice(i + 1).join("."));
  const overlapsForeign = or(inArray(domains.name, parents), like(domains.name, `%.${name}`));
  const taken =
    (await firstRow(tx.select({ id: domains.id }).from(domains).where(eq(domains.name, name)))) ??
    (await firstRow(
      tx
        .select({ id: domains.id })
        .from(domains)
        .where(and(overlapsForeign, ne(domains.customerId, ownerCustomerId))),
    ));
  if (taken) throw new ValidationError("errors.checkFields", { [field]: ["orders.errors.domainTaken"] });
}
