import crypto from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { mfaPendingLogins } from "@/db/schema";
import { sha256 } from "@/lib/auth/login-grants";
import { firstRow } from "@/db/rows";

export const PENDING_TTL_MS = 5 * 60 * 1000;
export const MAX_CODE_FAILURES = 5;

export type PendingLogin = { tokenHash: string; userId: number; throttleKey: string; failures: number; challenge: string | null };

/** Issued after a correct password when the account has a second factor; only its hash is stored. */
export async function createPendingLogin(db: Db, userId: number, throttleKey: string, now = Date.now()): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db.delete(mfaPendingLogins).where(lt(mfaPendingLogins.expiresAt, new Date(now)));
  await db.insert(mfaPendingLogins).values({ tokenHash: sha256(token), userId, throttleKey, expiresAt: new Date(now + PENDING_TTL_MS) });
  return token;
}

export async function findPendingLogin(db: Db, token: string, now = Date.now()): Promise<PendingLogin | undefined> {
  if (!token) return undefined;
  return await firstRow(
    db
      .select({
        tokenHash: mfaPendingLogins.tokenHash,
        userId: mfaPendingLogins.userId,
        throttleKey: mfaPendingLogins.throttleKey,
        failures: mfaPendingLogins.failures,
        challenge: mfaPendingLogins.challenge,
      })
      .from(mfaPendingLogins)
      .where(and(eq(mfaPendingLogins.tokenHash, sha256(token)), gt(mfaPendingLogins.expiresAt, new Date(now)))),
  );
}

/** Single use: whoever deletes the row first completes the login; a second redemption finds nothing. */
export async function consumePendingLogin(db: Db, tokenHash: string): Promise<boolean> {
  return !!(await firstRow(
    db.delete(mfaPendingLogins).where(eq(mfaPendingLogins.tokenHash, tokenHash)).returning({ h: mfaPendingLogins.tokenHash }),
  ));
}

/** Counts a wrong code; the 5th voids the pending login, so the password must be entered again. */
export async function recordWrongCode(db: Db, pending: PendingLogin): Promise<{ voided: boolean }> {
  // No row when the pending login was consumed meanwhile: .all().at(0) says so, .get()'s type does not.
  const row = (
    await db
      .update(mfaPendingLogins)
      .set({ failures: sql`${mfaPendingLogins.failures} + 1` })
      .where(eq(mfaPendingLogins.tokenHash, pending.tokenHash))
      .returning({ failures: mfaPendingLogins.failures })
  ).at(0);
  if (!row || row.failures >= MAX_CODE_FAILURES) {
    await consumePendingLogin(db, pending.tokenHash);
    return { voided: true };
  }
  return { voided: false };
}

export async function setPendingChallenge(db: Db, tokenHash: string, challenge: string | null) {
  await db.update(mfaPendingLogins).set({ challenge }).where(eq(mfaPendingLogins.tokenHash, tokenHash));
}
