import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { customers, domains, mailAccounts, packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { tenantScope } from "@/lib/authz/scope";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { firstRow } from "@/db/rows";

type Reader = Pick<Db, "select">;

/**
 * Every E-Mail-Administration service starts here: only the `.001` login, and while its password is
 * marked for change nothing but that change is allowed, whatever the browser posts.
 */
export function assertMailAdmin(actor: Actor): { resellerId: number; customerId: number } {
  if (!can(actor, "mailadmin.manage") || !actor.resellerId || !actor.customerId) throw new ForbiddenError();
  if (actor.mustChangePassword) throw new ValidationError("mailAdmin.errors.mustChangeFirst");
  return { resellerId: actor.resellerId, customerId: actor.customerId };
}

export async function customerNumberOf(tx: Reader, customerId: number): Promise<string> {
  const row = await firstRow(tx.select({ n: customers.customerNumber }).from(customers).where(eq(customers.id, customerId)));
  if (!row) throw new NotFoundError();
  return row.n;
}

/** The customer's domains in packages without panel: the only ones addresses may be routed on. */
export async function noPanelDomains(tx: Reader, actor: Actor) {
  return await tx
    .select({ id: domains.id, name: domains.name })
    .from(domains)
    .innerJoin(subscriptions, eq(domains.subscriptionId, subscriptions.id))
    .innerJoin(packages, eq(subscriptions.packageId, packages.id))
    .where(and(eq(domains.customerId, actor.customerId ?? -1), eq(packages.panel, "none"), tenantScope(actor, domains)))
    .orderBy(asc(domains.name));
}

/** One of the customer's mail accounts, scoped in the same WHERE as the id. */
export async function accountOrThrow(tx: Reader, actor: Actor, id: number) {
  const row = await firstRow(
    tx
      .select({
        id: mailAccounts.id,
        number: mailAccounts.number,
        login: mailAccounts.login,
        resellerId: mailAccounts.resellerId,
        customerId: mailAccounts.customerId,
        quotaMb: mailAccounts.quotaMb,
      })
      .from(mailAccounts)
      .where(and(eq(mailAccounts.id, id), eq(mailAccounts.customerId, actor.customerId ?? -1), tenantScope(actor, mailAccounts))),
  );
  if (!row) throw new NotFoundError();
  return row;
}
