import "server-only";
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mfaFactors, mfaRecoveryCodes, users, type MfaFactorKind } from "@/db/schema";
import { countUnusedRecoveryCodes } from "./recovery-codes";

export type FactorSummary = { id: number; kind: MfaFactorKind; label: string; createdAt: Date; lastUsedAt: Date | null };

/** True once the user has at least one confirmed factor; recovery codes alone do not count. */
export function userHasSecondFactor(db: Db, userId: number): boolean {
  return !!db
    .select({ id: mfaFactors.id })
    .from(mfaFactors)
    .where(and(eq(mfaFactors.userId, userId), isNotNull(mfaFactors.confirmedAt)))
    .limit(1)
    .get();
}

export function factorKinds(db: Db, userId: number): { totp: boolean; webauthn: boolean } {
  const rows = db
    .select({ kind: mfaFactors.kind })
    .from(mfaFactors)
    .where(and(eq(mfaFactors.userId, userId), isNotNull(mfaFactors.confirmedAt)))
    .all();
  return { totp: rows.some((r) => r.kind === "totp"), webauthn: rows.some((r) => r.kind === "webauthn") };
}

/** What the security page shows: labels and dates, never a secret or a public key. */
export function listFactors(userId: number, db: Db = getDb()): { factors: FactorSummary[]; recoveryCodesLeft: number } {
  const factors = db
    .select({
      id: mfaFactors.id,
      kind: mfaFactors.kind,
      label: mfaFactors.label,
      createdAt: mfaFactors.createdAt,
      lastUsedAt: mfaFactors.lastUsedAt,
    })
    .from(mfaFactors)
    .where(and(eq(mfaFactors.userId, userId), isNotNull(mfaFactors.confirmedAt)))
    .orderBy(asc(mfaFactors.id))
    .all();
  return { factors, recoveryCodesLeft: countUnusedRecoveryCodes(db, userId) };
}

/** Removes every factor and recovery code of a user (admin reset); returns how many factors went. */
export function deleteAllFactors(tx: Pick<Db, "delete">, userId: number): number {
  tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId)).run();
  return tx.delete(mfaFactors).where(eq(mfaFactors.userId, userId)).returning({ id: mfaFactors.id }).all().length;
}

export function loadUserForMfa(db: Db, userId: number) {
  return db
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      passwordHash: users.passwordHash,
      resellerId: users.resellerId,
      customerId: users.customerId,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
}
