import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { mfaRecoveryCodes } from "@/db/schema";
import { sha256 } from "@/lib/auth/login-grants";
import { firstRow } from "@/db/rows";

export const RECOVERY_CODE_COUNT = 10;
// Crockford-like alphabet without 0/O and 1/I/L, so codes read aloud or typed from paper survive.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** 10 characters from 31 symbols ≈ 49 bits: far beyond guessing within 5 attempts per login. */
function randomCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

/** Upper-cases and drops separators, so "abcde fghjk" and "ABCDE-FGHJK" are the same code. */
export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "");
}

/** Replaces all codes of the user; the plain codes leave this function once, to be shown once. */
export async function replaceRecoveryCodes(tx: Pick<Db, "insert" | "delete">, userId: number): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, randomCode);
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  await tx.insert(mfaRecoveryCodes).values(codes.map((c) => ({ userId, codeHash: sha256(normalizeRecoveryCode(c)) })));
  return codes;
}

/** Marks a matching unused code as used; the conditional UPDATE makes a race spend it only once. */
export async function consumeRecoveryCode(db: Db, userId: number, code: string, now = new Date()): Promise<boolean> {
  const normalized = normalizeRecoveryCode(code);
  if (!/^[A-Z0-9]{10}$/.test(normalized)) return false;
  const row = await firstRow(
    db
      .update(mfaRecoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(mfaRecoveryCodes.userId, userId), eq(mfaRecoveryCodes.codeHash, sha256(normalized)), isNull(mfaRecoveryCodes.usedAt)))
      .returning({ id: mfaRecoveryCodes.id }),
  );
  return !!row;
}

export async function countUnusedRecoveryCodes(db: Db, userId: number): Promise<number> {
  return (
    await db
      .select({ id: mfaRecoveryCodes.id })
      .from(mfaRecoveryCodes)
      .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)))
  ).length;
}
