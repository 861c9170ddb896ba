import "server-only";
import { and, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";

/** The acting customer's own record (Stammdaten); other tenants' rows are never reachable. */
export function getOwnCustomer(actor: Actor, db: Db = getDb()) {
  const row = db
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
    .where(and(eq(customers.id, actor.customerId ?? -1), tenantScope(actor, { resellerId: customers.resellerId, customerId: customers.id })))
    .get();
  if (!row) throw new NotFoundError();
  return row;
}
