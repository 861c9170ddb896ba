import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { recoveryTokens, type PrincipalKind } from "@/db/schema";
import { firstRow } from "@/db/rows";

/** A link is valid for 30 minutes; NIST allows longer for e-mail, shorter limits what a leaked mail is worth. */
export const TOKEN_TTL_MS = 30 * 60 * 1000;
/** Spent and expired rows are kept a day for support questions, then purged. */
const RETENTION_MS = 24 * 60 * 60 * 1000;

type Tx = Pick<Db, "insert" | "update" | "delete" | "select">;
export type Principal = { kind: PrincipalKind; id: number };

/** 256 random bits, URL-safe; only the SHA-256 ever reaches the database. */
export function generateToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Stores a new link for the principal and voids every older open one, so only the newest link works.
 * For an unknown account the caller passes the decoy principal (id 0): the same statements run on
 * rows of the same shape (the previous decoy is voided like a real older link), so neither the answer
 * nor its timing tells whether the account exists. Id 0 never redeems (findOpenToken).
 */
export async function storeToken(tx: Tx, principal: Principal, hash: string, sentTo: string, now: Date) {
  await tx.delete(recoveryTokens).where(lt(recoveryTokens.expiresAt, new Date(now.getTime() - RETENTION_MS)));
  await tx
    .update(recoveryTokens)
    .set({ usedAt: now })
    .where(
      and(eq(recoveryTokens.principalKind, principal.kind), eq(recoveryTokens.principalId, principal.id), isNull(recoveryTokens.usedAt)),
    );
  await tx.insert(recoveryTokens).values({
    tokenHash: hash,
    principalKind: principal.kind,
    principalId: principal.id,
    sentTo,
    expiresAt: new Date(now.getTime() + TOKEN_TTL_MS),
  });
}

export type OpenToken = { id: number; principal: Principal; sentTo: string };

/** The open (unused, unexpired) link for this token, without spending it: GET and "Bestätigen" only look. */
export async function findOpenToken(db: Pick<Db, "select">, token: string, now = new Date()): Promise<OpenToken | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await firstRow(
    db
      .select({
        id: recoveryTokens.id,
        kind: recoveryTokens.principalKind,
        principalId: recoveryTokens.principalId,
        sentTo: recoveryTokens.sentTo,
      })
      .from(recoveryTokens)
      .where(and(eq(recoveryTokens.tokenHash, hashToken(token)), isNull(recoveryTokens.usedAt), gt(recoveryTokens.expiresAt, now))),
  );
  if (!row || row.principalId === 0) return undefined;
  return { id: row.id, principal: { kind: row.kind, id: row.principalId }, sentTo: row.sentTo };
}

/** Spends the link atomically: of any number of parallel attempts exactly one sees `true`. */
export async function spendToken(tx: Pick<Db, "update">, id: number, now = new Date()): Promise<boolean> {
  const result = await tx
    .update(recoveryTokens)
    .set({ usedAt: now })
    .where(and(eq(recoveryTokens.id, id), isNull(recoveryTokens.usedAt), gt(recoveryTokens.expiresAt, now)))
    .returning({ id: recoveryTokens.id });
  return result.length === 1;
}
