import "server-only";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mfaFactors, mfaRecoveryCodes, users, type MfaFactorKind } from "@/db/schema";
import { countUnusedRecoveryCodes } from "./recovery-codes";
import { firstRow } from "@/db/rows";

export type FactorSummary = { id: number; kind: MfaFactorKind; label: string; createdAt: Date; lastUsedAt: Date | null };

/** True once the user has at least one confirmed factor; recovery codes alone do not count. */
export async function userHasSecondFactor(db: Db, userId: number): Promise<boolean> {
  return !!(await firstRow(
    db
      .select({ id: mfaFactors.id })
      .from(mfaFactors)
      .where(and(eq(mfaFactors.userId, userId), isNotNull(mfaFactors.confirmedAt)))
      .limit(1),
  ));
}

export async function factorKinds(db: Db, userId: number): Promise<{ totp: boolean; webauthn: boolean }> {
  const rows = await db
    .select({ kind: mfaFactors.kind })
    .from(mfaFactors)
    .where(and(eq(mfaFactors.userId, userId), isNotNull(mfaFactors.confirmedAt)));
  return { totp: rows.some((r) => r.kind === "totp"), webauthn: rows.some((r) => r.kind === "webauthn") };
}

/** What the security page shows: labels and dates, never a secret or a public key. */
export async function listFactors(userId: number, db: Db = getDb()): Promise<{ factors: FactorSummary[]; recoveryCodesLeft: number }> {
  const factors = await db
    .select({
      id: mfaFactors.id,
      kind: mfaFactors.kind,
      label: mfaFactors.label,
      createdAt: mfaFactors.createdAt,
      lastUsedAt: mfaFactors.lastUsedAt,
    })
    .from(mfaFactors)
    .where(and(eq(mfaFactors.userId, userId), isNotNull(mfaFactors.confirmedAt)))
    .orderBy(asc(mfaFactors.id));
  return { factors, recoveryCodesLeft: await countUnusedRecoveryCodes(db, userId) };
}

/** Removes every factor and recovery code of a user (admin reset); returns how many factors went. */
export async function deleteAllFactors(tx: Pick<Db, "delete">, userId: number): Promise<number> {
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  return (await tx.delete(mfaFactors).where(eq(mfaFactors.userId, userId)).returning({ id: mfaFactors.id })).length;
}

export async function loadUserForMfa(db: Db, userId: number) {
  return await firstRow(
    db
      .select({
        id: users.id,
        email: users.email,
        role: users.role,
        passwordHash: users.passwordHash,
        resellerId: users.resellerId,
        customerId: users.customerId,
      })
      .from(users)
      .where(eq(users.id, userId)),
  );
}
