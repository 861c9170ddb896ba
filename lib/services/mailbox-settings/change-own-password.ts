import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailboxes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import type { Locale } from "@/lib/i18n/locales";
import type { OutgoingMail } from "@/lib/mail/smtp";
import { renderPasswordChangedMail } from "@/lib/mail/templates/recovery-mails";
import { checkCurrentPassword } from "@/lib/services/passwords/check-current-password";
import { setPassword } from "@/lib/services/passwords/set-password";
import type { ChangeOwnPasswordInput } from "@/lib/validation/mailbox-settings";
import { loadOwnMailbox } from "./own-mailbox";
import { firstRow } from "@/db/rows";

/** Own prefix, so this form's failures never mix with login counters but still lock guessing. */
export const throttleKeys = (mailboxId: number, ip: string) => [`mailbox-password:${mailboxId}`, `mailbox-password-ip:${ip}`];

/** Where the mailbox user changed the password: the self-service form or the webmail (Roundcube). */
export type OwnPasswordChannel = { via: "mailbox-settings" | "webmail"; locale: Locale };

/**
 * The mailbox user's own password change, from "Passwort" in the mailbox self-service or from the
 * webmail's settings: the current password must be right (wrong answers are counted and locked like
 * logins), then setPassword does policy, hash, session bump (other sessions end) and audit (with
 * the channel). Returns the change notice for the recovery address on file, or else the mailbox
 * itself; the caller sends it after the response and refreshes its own session (refreshOwnSession).
 */
export async function changeOwnMailboxPassword(
  actor: Actor,
  input: ChangeOwnPasswordInput,
  ip: string,
  channel: OwnPasswordChannel,
  db: Db = getDb(),
  now = Date.now(),
): Promise<{ mailboxId: number; notice: OutgoingMail }> {
  const mailbox = await loadOwnMailbox(actor, db);
  const keys = throttleKeys(mailbox.id, ip);
  const storedHash = async () =>
    (await firstRow(db.select({ hash: mailboxes.passwordHash }).from(mailboxes).where(eq(mailboxes.id, mailbox.id))))?.hash;
  await checkCurrentPassword(db, keys, storedHash, input.currentPassword, now);
  await setPassword(
    { kind: "mailbox", id: mailbox.id },
    input.newPassword,
    {
      actor,
      ip,
      action: "mailbox.password.self",
      currentPassword: input.currentPassword,
      details: { via: channel.via },
    },
    db,
  );
  const recovery = (await firstRow(db.select({ to: mailboxes.recoveryEmail }).from(mailboxes).where(eq(mailboxes.id, mailbox.id))))?.to;
  const notice = renderPasswordChangedMail({
    to: recovery || mailbox.address,
    account: mailbox.address,
    at: new Date(now),
    locale: channel.locale,
  });
  return { mailboxId: mailbox.id, notice };
}
