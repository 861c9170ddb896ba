import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailAccounts, mailboxes, type PrincipalKind, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import type { Locale } from "@/lib/i18n/locales";
import type { OutgoingMail } from "@/lib/mail/smtp";
import { renderPasswordChangedMail } from "@/lib/mail/templates/recovery-mails";
import { loadRecoveryTarget } from "@/lib/services/recovery/targets";
import type { ChangeOwnPasswordInput } from "@/lib/validation/mailbox-settings";
import { checkCurrentPassword } from "./check-current-password";
import { setPassword } from "./set-password";
import { firstRow } from "@/db/rows";

/** Own prefix, so wrong current passwords here lock guessing without mixing with login counters. */
export const ownPasswordKeys = (kind: PrincipalKind, id: number, ip: string) => [`own-password:${kind}:${id}`, `own-password-ip:${ip}`];

async function storedHash(db: Db, kind: PrincipalKind, id: number): Promise<string | undefined> {
  if (kind === "user") return (await firstRow(db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id))))?.hash;
  if (kind === "mail_account")
    return (await firstRow(db.select({ hash: mailAccounts.passwordHash }).from(mailAccounts).where(eq(mailAccounts.id, id))))?.hash;
  return (await firstRow(db.select({ hash: mailboxes.passwordHash }).from(mailboxes).where(eq(mailboxes.id, id))))?.hash;
}

/**
 * "Passwort ändern" from the user menu (seed 004): the current password, then the new one twice, for
 * whoever is logged in; the actor's own principal is the only target, so no scope question arises.
 * Returns the notice mail for the address on file (the customer's contact, staff's login address).
 */
export async function changeOwnPasswordWithCurrent(
  actor: Actor,
  input: ChangeOwnPasswordInput,
  ip: string,
  locale: Locale,
  db: Db = getDb(),
  now = Date.now(),
): Promise<OutgoingMail | null> {
  assertCan(actor, "password.self");
  await checkCurrentPassword(
    db,
    ownPasswordKeys(actor.kind, actor.id, ip),
    async () => await storedHash(db, actor.kind, actor.id),
    input.currentPassword,
    now,
  );
  await setPassword(
    { kind: actor.kind, id: actor.id },
    input.newPassword,
    { actor, ip, action: "password.change", currentPassword: input.currentPassword, details: { via: "user-menu" } },
    db,
  );
  const target = await loadRecoveryTarget(db, actor.kind, actor.id);
  return target?.sendTo ? renderPasswordChangedMail({ to: target.sendTo, account: target.label, at: new Date(now), locale }) : null;
}
