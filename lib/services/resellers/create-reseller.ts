import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { resellers, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { prepareGeneratedPassword } from "@/lib/services/orders/admin-account";
import type { CreateResellerInput } from "@/lib/validation/reseller";
import { transaction } from "@/db/transaction";
import { firstRow, onlyRow } from "@/db/rows";

const fieldError = (field: string, key: string) => new ValidationError("errors.checkFields", { [field]: [key] });

/**
 * Admin only: a reseller with its customer number range and its KundenServiceCenter login, whose
 * generated password the admin reads once.
 */
export async function createReseller(actor: Actor, input: CreateResellerInput, ip: string | null, db: Db = getDb()) {
  assertCan(actor, "admin.manage");
  const generated = await prepareGeneratedPassword();
  return await transaction(
    db,
    async (tx) => {
      if (
        await firstRow(tx.select({ id: resellers.id }).from(resellers).where(eq(resellers.customerNumberBase, input.customerNumberBase)))
      ) {
        throw fieldError("customerNumberBase", "adminArea.errors.baseTaken");
      }
      if (await firstRow(tx.select({ id: users.id }).from(users).where(eq(users.email, input.email))))
        throw fieldError("email", "adminArea.errors.emailTaken");
      const row = await onlyRow(
        tx.insert(resellers).values({ name: input.name, customerNumberBase: input.customerNumberBase }).returning({ id: resellers.id }),
      );
      await tx.insert(users).values({
        email: input.email,
        role: "reseller",
        resellerId: row.id,
        displayName: input.name,
        passwordHash: generated.hash,
        passwordChangedAt: new Date(),
      });
      await writeAudit(tx, actor, {
        action: "reseller.create",
        targetKind: "reseller",
        targetId: row.id,
        targetLabel: input.name,
        resellerId: row.id,
        ip,
        details: { customerNumberBase: input.customerNumberBase, login: input.email },
      });
      return { id: row.id, login: input.email, password: generated.password };
    },
    { behavior: "immediate" },
  );
}
