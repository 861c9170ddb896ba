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
import { transaction } from "@/db/transaction";
import { firstRow, onlyRow } from "@/db/rows";

type Reader = Pick<Db, "select">;

/** Next number of the reseller: base 10000 → K10001, K10002 … (read inside the write transaction). */
export async function nextCustomerNumber(tx: Reader, resellerId: number): Promise<string> {
  const base = (await firstRow(tx.select({ base: resellers.customerNumberBase }).from(resellers).where(eq(resellers.id, resellerId))))
    ?.base;
  if (base === undefined) throw new ForbiddenError();
  const top = (
    await firstRow(
      tx
        .select({ n: sql<number | null>`max(cast(substr(${customers.customerNumber}, 2) as integer))` })
        .from(customers)
        .where(eq(customers.resellerId, resellerId)),
    )
  )?.n;
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
  return await transaction(
    db,
    async (tx) => {
      const taken = await firstRow(tx.select({ id: users.id }).from(users).where(eq(users.email, input.contactEmail)));
      if (taken) throw new ValidationError("errors.checkFields", { contactEmail: ["customersAdmin.errors.emailTaken"] });
      const customerNumber = await nextCustomerNumber(tx, resellerId);
      const row = await onlyRow(
        tx
          .insert(customers)
          .values({ resellerId, customerNumber, ...input, company: input.company || null })
          .returning({ id: customers.id }),
      );
      await tx.insert(users).values({
        email: input.contactEmail,
        role: "customer",
        resellerId,
        customerId: row.id,
        displayName: input.company || input.contactName,
        passwordHash: generated.hash,
        passwordChangedAt: new Date(),
      });
      await writeAudit(tx, actor, {
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
