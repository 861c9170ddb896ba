import "server-only";
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, mfaFactors, mfaPendingLogins, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { NotFoundError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { canonicalCustomerNumber } from "@/lib/validation/names";
import { deleteAllFactors } from "./factors";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";
import { startsWith } from "@/db/dialect";

export type CustomerAccountRow = { userId: number; email: string; customerNumber: string; company: string | null; factorCount: number };

function requireAdmin(actor: Actor) {
  assertCan(actor, "mfa.reset");
}

/** Customer accounts by exact customer number or by e-mail prefix; at most 20 rows. */
export async function findCustomerAccounts(actor: Actor, query: string, db: Db = getDb()): Promise<CustomerAccountRow[]> {
  requireAdmin(actor);
  const q = query.trim();
  if (!q) return [];
  const number = canonicalCustomerNumber(q);
  // Logins are stored in lower case; a range, not LIKE, so the users' e-mail index finds the prefix on
  // PostgreSQL too, whose plans for the panel's connections never look at values (db/postgres.ts).
  const match = number ? eq(customers.customerNumber, number) : startsWith(users.email, q.toLowerCase());
  const rows = await db
    .select({ userId: users.id, email: users.email, customerNumber: customers.customerNumber, company: customers.company })
    .from(users)
    .innerJoin(customers, eq(users.customerId, customers.id))
    .where(and(eq(users.role, "customer"), match))
    .orderBy(asc(users.email))
    .limit(20);
  const ids = rows.map((r) => r.userId);
  const factors = ids.length
    ? await db
        .select({ userId: mfaFactors.userId })
        .from(mfaFactors)
        .where(and(inArray(mfaFactors.userId, ids), isNotNull(mfaFactors.confirmedAt)))
    : [];
  return rows.map((r) => ({ ...r, factorCount: factors.filter((f) => f.userId === r.userId).length }));
}

/**
 * Removes every second factor and recovery code of a customer account, e.g. after a lost phone, and
 * voids logins waiting for a factor. The customer then logs in with the password alone and can enrol
 * again. Audited with the customer's tenant keys so the customer and reseller see it too.
 */
export async function resetCustomerSecondFactor(actor: Actor, userId: number, ip: string, db: Db = getDb()): Promise<number> {
  requireAdmin(actor);
  return await transaction(db, async (tx) => {
    const target = await firstRow(
      tx
        .select({ id: users.id, email: users.email, resellerId: users.resellerId, customerId: users.customerId })
        .from(users)
        .where(and(eq(users.id, userId), eq(users.role, "customer"))),
    );
    if (!target) throw new NotFoundError();
    const removed = await deleteAllFactors(tx, target.id);
    await tx.delete(mfaPendingLogins).where(eq(mfaPendingLogins.userId, target.id));
    await writeAudit(tx, actor, {
      action: "mfa.reset",
      targetKind: "user",
      targetId: target.id,
      targetLabel: target.email,
      resellerId: target.resellerId,
      customerId: target.customerId,
      ip,
      details: { factorsRemoved: removed },
    });
    return removed;
  });
}
