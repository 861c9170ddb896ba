import "server-only";
import { and, count, eq, ne } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, packages, resellers, tickets } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { deleteLogins } from "@/lib/services/users/delete-logins";
import type { UpdateResellerInput } from "@/lib/validation/reseller";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

type Tx = Pick<Db, "select">;

async function resellerOrThrow(tx: Tx, id: number) {
  const row = await firstRow(tx.select().from(resellers).where(eq(resellers.id, id)));
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * Admin only: renames a reseller or moves its customer number base. Existing customer numbers stay;
 * the next one counts on from the higher of the base and the highest number given so far.
 */
export async function updateReseller(actor: Actor, id: number, input: UpdateResellerInput, ip: string | null, db: Db = getDb()) {
  assertCan(actor, "admin.manage");
  await transaction(
    db,
    async (tx) => {
      const before = await resellerOrThrow(tx, id);
      const base = await firstRow(
        tx
          .select({ id: resellers.id })
          .from(resellers)
          .where(and(eq(resellers.customerNumberBase, input.customerNumberBase), ne(resellers.id, id))),
      );
      if (base) throw new ValidationError("errors.checkFields", { customerNumberBase: ["adminArea.errors.baseTaken"] });
      await tx.update(resellers).set({ name: input.name, customerNumberBase: input.customerNumberBase }).where(eq(resellers.id, id));
      await writeAudit(tx, actor, {
        action: "reseller.update",
        targetKind: "reseller",
        targetId: id,
        targetLabel: input.name,
        resellerId: id,
        ip,
        details: { previousName: before.name, customerNumberBase: input.customerNumberBase },
      });
    },
    { behavior: "immediate" },
  );
}

/**
 * Admin only: deletes a reseller with its unused packages and its own logins. A reseller that still
 * has customers is refused (409): their mail must not vanish with a click; they are deleted first.
 */
export async function deleteReseller(actor: Actor, id: number, ip: string | null, db: Db = getDb()) {
  assertCan(actor, "admin.manage");
  await transaction(
    db,
    async (tx) => {
      const row = await resellerOrThrow(tx, id);
      const n = (await firstRow(tx.select({ n: count() }).from(customers).where(eq(customers.resellerId, id))))?.n ?? 0;
      if (n > 0) throw new ConflictError("adminArea.errors.hasCustomers");
      // Without customers there are no subscriptions, so every package is unused; no tickets either.
      await tx.delete(tickets).where(eq(tickets.resellerId, id));
      await tx.delete(packages).where(eq(packages.resellerId, id));
      await deleteLogins(tx, { resellerId: id, customerId: null });
      await tx.delete(resellers).where(eq(resellers.id, id));
      await writeAudit(tx, actor, {
        action: "reseller.delete",
        targetKind: "reseller",
        targetId: id,
        targetLabel: row.name,
        resellerId: id,
        ip,
      });
    },
    { behavior: "immediate" },
  );
}
