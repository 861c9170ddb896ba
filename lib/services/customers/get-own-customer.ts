import { firstRow } from "@/db/rows";
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { preparedQuery } from "@/db/prepared";
import { customers } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { preparedTenantScope, type ScopeKind, scopeKind, tenantParams } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";

// Shown in the panel frames on every page view, hence prepared.
const ownCustomer = preparedQuery((db, scope: ScopeKind) =>
  db
    .select({
      id: customers.id,
      customerNumber: customers.customerNumber,
      company: customers.company,
      contactName: customers.contactName,
      street: customers.street,
      postalCode: customers.postalCode,
      city: customers.city,
      phone: customers.phone,
      contactEmail: customers.contactEmail,
    })
    .from(customers)
    .where(
      and(
        eq(customers.id, sql.placeholder("id")),
        preparedTenantScope(scope, { resellerId: customers.resellerId, customerId: customers.id }),
      ),
    ),
);

/** The acting customer's own record (Stammdaten); other tenants' rows are never reachable. */
export async function getOwnCustomer(actor: Actor, db: Db = getDb()) {
  const row = await firstRow(ownCustomer(db, scopeKind(actor)).execute({ id: actor.customerId ?? -1, ...tenantParams(actor) }));
  if (!row) throw new NotFoundError();
  return row;
}
