import "server-only";
import { eq, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, resellers, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { prepareGeneratedPassword } from "@/lib/services/orders/admin-account";
import type { CustomerInput } from "@/lib/validation/customer";

type Reader = Pick<Db, "select">;

/** Next number of the reseller: base 10000 → K10001, K10002 … (read inside the write transaction). */
export function nextCustomerNumber(tx: Reader, resellerId: number): string {
  const base = tx.select({ base: resellers.customerNumberBase }).from(resellers).where(eq(resellers.id, resellerId)).get()?.base;
  if (base === undefined) throw new ForbiddenError();
  const top = tx
    .select({ n: sql<number | null>`max(cast(substr(${customers.customerNumber}, 2) as integer))` })
    .from(customers)
    .where(eq(customers.resellerId, resellerId))
    .get()?.n;
  return `K${Math.max(base, top ?? base) + 1}`;
}

export type CreatedCustomer = { id: number; customerNumber: string; login: string; password: string };

/**
 * Creates a customer with the next customer number and its KundenServiceCenter login (the contact
 * e-mail, or the customer number) with a generated password that the reseller reads once.
 */
export async function createCustomer(actor: Actor, input: CustomerInput, ip: string | null, db: Db = getDb()): Promise<CreatedCustomer> {
  if (!can(actor, "reseller.manage") || !actor.resellerId) throw new ForbiddenError();
  const resellerId = actor.resellerId;
  const generated = await prepareGeneratedPassword();
  return db.transaction(
    (tx) => {
      const taken = tx.select({ id: users.id }).from(users).where(eq(users.email, input.contactEmail)).get();
      if (taken) throw new ValidationError("errors.checkFields", { contactEmail: ["customersAdmin.errors.emailTaken"] });
      const customerNumber = nextCustomerNumber(tx, resellerId);
      const row = tx
        .insert(customers)
        .values({ resellerId, customerNumber, ...input, company: input.company || null })
        .returning({ id: customers.id })
        .get();
      tx.insert(users)
        .values({
          email: input.contactEmail,
          role: "customer",
          resellerId,
          customerId: row.id,
          displayName: input.company || input.contactName,
          passwordHash: generated.hash,
          passwordChangedAt: new Date(),
        })
        .run();
      writeAudit(tx, actor, {
        action: "customer.create",
        targetKind: "customer",
        targetId: row.id,
        targetLabel: customerNumber,
        resellerId,
        customerId: row.id,
        ip,
      });
      return { id: row.id, customerNumber, login: input.contactEmail, password: generated.password };
    },
    { behavior: "immediate" },
  );
}
