import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailboxes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { checkCurrentPassword } from "@/lib/services/passwords/check-current-password";
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
export async function changeOwnMailboxPassword(
  actor: Actor,
  input: ChangeOwnPasswordInput,
  ip: string,
  db: Db = getDb(),
  now = Date.now(),
) {
  const mailbox = loadOwnMailbox(actor, db);
  const keys = throttleKeys(mailbox.id, ip);
  const storedHash = () => db.select({ hash: mailboxes.passwordHash }).from(mailboxes).where(eq(mailboxes.id, mailbox.id)).get()?.hash;
  await checkCurrentPassword(db, keys, storedHash, input.currentPassword, now);
  await setPassword(
    { kind: "mailbox", id: mailbox.id },
    input.newPassword,
    {
      actor,
      ip,
      action: "mailbox.password.self",
      details: { via: "mailbox-settings" },
    },
    db,
  );
  return { mailboxId: mailbox.id };
}
