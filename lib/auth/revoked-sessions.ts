import { firstRow } from "@/db/rows";
import "server-only";
import { eq, lt, sql } from "drizzle-orm";
import crypto from "node:crypto";
import type { Db } from "@/db";
import { preparedQuery } from "@/db/prepared";
import { revokedSessions } from "@/db/schema";
import { transaction } from "@/db/transaction";

/** How long a session cookie lives (lib/auth/auth.ts); a revocation is kept exactly that long. */
export const SESSION_MAX_AGE_S = 8 * 60 * 60;

/** A fresh id per login, carried in the session token and stable while it is refreshed. */
export function newSessionId(): string {
  return crypto.randomBytes(16).toString("base64url");
}

const revokedBySid = preparedQuery((db) =>
  db
    .select({ sid: revokedSessions.sid })
    .from(revokedSessions)
    .where(eq(revokedSessions.sid, sql.placeholder("sid")))
    .prepare(),
);

/** Asked on every request (lib/auth/session.ts), hence prepared. */
export async function isSessionRevoked(db: Db, sid: string): Promise<boolean> {
  return !!(await firstRow(revokedBySid(db).execute({ sid })));
}

/** Ends one session for good (logout); forgets revocations whose cookies have expired anyway. */
export async function revokeSession(db: Db, sid: string, now = Date.now()) {
  await transaction(db, async (tx) => {
    await tx.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date(now)));
    await tx
      .insert(revokedSessions)
      .values({ sid, expiresAt: new Date(now + SESSION_MAX_AGE_S * 1000) })
      .onConflictDoNothing();
  });
}
