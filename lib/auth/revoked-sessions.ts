import "server-only";
import { lt } from "drizzle-orm";
import crypto from "node:crypto";
import type { Db } from "@/db";
import { revokedSessions } from "@/db/schema";
import { transaction } from "@/db/transaction";

/** How long a session cookie lives (lib/auth/auth.ts); a revocation is kept exactly that long. */
export const SESSION_MAX_AGE_S = 8 * 60 * 60;

/**
 * A fresh id per login, carried in the session token and stable while it is refreshed. Every request
 * looks it up in getActor's query (lib/auth/session-actor.ts).
 */
export function newSessionId(): string {
  return crypto.randomBytes(16).toString("base64url");
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
