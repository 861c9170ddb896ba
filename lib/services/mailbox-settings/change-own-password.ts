import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailboxes } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { clearFailures, lockedFor, recordFailure } from "@/lib/auth/throttle";
import type { Actor } from "@/lib/authz/actor";
import { ValidationError } from "@/lib/errors";
import { setPassword } from "@/lib/services/passwords/set-password";
import type { ChangeOwnPasswordInput } from "@/lib/validation/mailbox-settings";
import { loadOwnMailbox } from "./own-mailbox";

/** Own prefix, so this form's failures never mix with login counters but still lock guessing. */
export const throttleKeys = (mailboxId: number, ip: string) => [`mailbox-password:${mailboxId}`, `mailbox-password-ip:${ip}`];

/**
 * "Passwort" in the mailbox user's Einstellungen: the current password must be right (wrong answers
 * are counted and locked like logins), then setPassword does policy, hash, session bump and audit.
 * The caller refreshes its own session afterwards (refreshOwnSession).
 */
export async function changeOwnMailboxPassword(actor: Actor, input: ChangeOwnPasswordInput, ip: string, db: Db = getDb(), now = Date.now()) {
  const mailbox = loadOwnMailbox(actor, db);
  const keys = throttleKeys(mailbox.id, ip);
  if (lockedFor(db, keys, now) > 0) throw new ValidationError("errors.checkFields", { currentPassword: ["mailboxSettings.errors.throttled"] });
  const stored = db.select({ hash: mailboxes.passwordHash }).from(mailboxes).where(eq(mailboxes.id, mailbox.id)).get();
  if (!stored || !(await verifyPassword(stored.hash, input.currentPassword))) {
    recordFailure(db, keys, now);
    throw new ValidationError("errors.checkFields", { currentPassword: ["password.errors.currentWrong"] });
  }
  clearFailures(db, keys[0]);
  await setPassword({ kind: "mailbox", id: mailbox.id }, input.newPassword, {
    actor, ip, action: "mailbox.password.self", details: { via: "mailbox-settings" },
  }, db);
  return { mailboxId: mailbox.id };
}
