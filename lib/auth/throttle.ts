import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { authThrottle } from "@/db/schema";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

/** Past this many failures inside the window, a key is locked for a delay that doubles each time. */
export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60 * 1000;
const BASE_LOCK_MS = 60 * 1000;
const MAX_LOCK_MS = 60 * 60 * 1000;

/** Milliseconds until the first of the keys unlocks, or 0 when none is locked. */
export async function lockedFor(db: Db, keys: string[], now = Date.now()): Promise<number> {
  let wait = 0;
  for (const key of keys) {
    const row = await firstRow(db.select({ lockedUntil: authThrottle.lockedUntil }).from(authThrottle).where(eq(authThrottle.key, key)));
    const until = row?.lockedUntil?.getTime() ?? 0;
    if (until > now) wait = Math.max(wait, until - now);
  }
  return wait;
}

export async function recordFailure(db: Db, keys: string[], now = Date.now()) {
  await transaction(
    db,
    async (tx) => {
      for (const key of keys) {
        const row = await firstRow(tx.select().from(authThrottle).where(eq(authThrottle.key, key)));
        const inWindow = row && now - row.windowStart.getTime() < WINDOW_MS;
        const failures = inWindow ? row.failures + 1 : 1;
        const lockCount = inWindow ? row.lockCount : 0;
        const locks = failures >= MAX_FAILURES;
        const lockedUntil = locks ? new Date(now + Math.min(BASE_LOCK_MS * 2 ** lockCount, MAX_LOCK_MS)) : (row?.lockedUntil ?? null);
        const values = {
          key,
          failures,
          windowStart: inWindow ? row.windowStart : new Date(now),
          lockedUntil,
          lockCount: locks ? lockCount + 1 : lockCount,
        };
        await tx.insert(authThrottle).values(values).onConflictDoUpdate({ target: authThrottle.key, set: values });
      }
    },
    { behavior: "immediate" },
  );
}

/** A successful login clears the account's counter; the address keeps its history. */
export async function clearFailures(db: Db, key: string) {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}
