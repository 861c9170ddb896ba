import crypto from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { loginGrants, type PrincipalKind } from "@/db/schema";
import { firstRow } from "@/db/rows";

const GRANT_TTL_MS = 60 * 1000;

export const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");

/** Issued after the password (and later the second factor) checked out; redeemed once by next-auth. */
export async function issueLoginGrant(db: Db, kind: PrincipalKind, id: number, now = Date.now()): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db.delete(loginGrants).where(lt(loginGrants.expiresAt, new Date(now)));
  await db
    .insert(loginGrants)
    .values({ tokenHash: sha256(token), principalKind: kind, principalId: id, expiresAt: new Date(now + GRANT_TTL_MS) });
  return token;
}

export async function redeemLoginGrant(db: Db, token: string, now = Date.now()) {
  const row = await firstRow(
    db
      .delete(loginGrants)
      .where(and(eq(loginGrants.tokenHash, sha256(token)), gt(loginGrants.expiresAt, new Date(now))))
      .returning({ kind: loginGrants.principalKind, id: loginGrants.principalId }),
  );
  return row;
}
