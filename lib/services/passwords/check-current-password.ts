import "server-only";
import type { Db } from "@/db";
import { verifyPassword } from "@/lib/auth/password-hash";
import { clearFailures, lockedFor, recordFailure } from "@/lib/auth/throttle";
import { ValidationError } from "@/lib/errors";

/**
 * The current-password check before someone changes their own password. Refused while the keys are
 * locked; a wrong answer counts toward the lock like a failed login, a right one clears the first
 * (per-account) key. `storedHash` is read only once the lock check has passed.
 */
export async function checkCurrentPassword(
  db: Db,
  keys: string[],
  storedHash: () => Promise<string | undefined>,
  currentPassword: string,
  now = Date.now(),
) {
  if ((await lockedFor(db, keys, now)) > 0)
    throw new ValidationError("errors.checkFields", { currentPassword: ["mailboxSettings.errors.throttled"] });
  const hash = await storedHash();
  if (!hash || !(await verifyPassword(hash, currentPassword))) {
    await recordFailure(db, keys, now);
    throw new ValidationError("errors.checkFields", { currentPassword: ["password.errors.currentWrong"] });
  }
  await clearFailures(db, keys[0]);
}
