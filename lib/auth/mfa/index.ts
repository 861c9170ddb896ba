import "server-only";
import { type Db, getDb } from "@/db";
import { userHasSecondFactor } from "./factors";
import { consumeRecoveryCode } from "./recovery-codes";
import { spendTotpCode } from "./totp";

/**
 * The small API other features use (password recovery: an account with a second factor passes it
 * before a reset completes). Both functions work on users (KundenServiceCenter accounts) only.
 */
export async function hasSecondFactor(userId: number, db: Db = getDb()): Promise<boolean> {
  return await userHasSecondFactor(db, userId);
}

/**
 * Checks a TOTP code (6 digits) or a recovery code and spends it: a TOTP time step works once, a
 * recovery code once ever. The caller limits attempts (e.g. lib/auth/throttle) — this does not.
 */
export async function verifySecondFactorCode(userId: number, code: string, db: Db = getDb()): Promise<boolean> {
  const compact = code.replace(/\s/g, "");
  if (/^\d{6}$/.test(compact)) return spendTotpCode(userId, compact, db);
  return await consumeRecoveryCode(db, userId, compact);
}
