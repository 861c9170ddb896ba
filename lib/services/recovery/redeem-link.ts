import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailAccounts, mailboxes, users } from "@/db/schema";
import { clearFailures, lockedFor, recordFailure } from "@/lib/auth/throttle";
import { ValidationError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import type { OutgoingMail } from "@/lib/mail/smtp";
import { renderPasswordChangedMail } from "@/lib/mail/templates/recovery-mails";
import { validateNewPassword } from "@/lib/password/validate-new-password";
import { setPassword } from "@/lib/services/passwords/set-password";
import { getPasswordPolicyOptions } from "@/lib/services/settings/password-policy-settings";
import { principalHasSecondFactor, verifyPrincipalSecondFactor } from "./second-factor";
import { loadRecoveryTarget } from "./targets";
import { findOpenToken, type OpenToken, type Principal, spendToken } from "./tokens";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

const invalidLink = () => new ValidationError("recovery.linkInvalid");

export type LinkView = {
  account: string;
  needsSecondFactor: boolean;
};

async function openTokenOrThrow(db: Db, token: string, now: Date): Promise<OpenToken> {
  const open = await findOpenToken(db, token, now);
  if (!open) throw invalidLink();
  return open;
}

/**
 * "Bestätigen": what the next step shows. Looks only; the link stays unspent. Only what setting the
 * new password needs: whoever holds the link sees no Stammdaten (address, phone); those are behind a login.
 */
export async function inspectResetLink(token: string, db: Db = getDb(), now = new Date()): Promise<LinkView> {
  const open = await openTokenOrThrow(db, token, now);
  const target = await loadRecoveryTarget(db, open.principal.kind, open.principal.id);
  if (!target) throw invalidLink();
  return { account: target.label, needsSecondFactor: await principalHasSecondFactor(open.principal, db) };
}

async function currentHash(db: Db, p: Principal): Promise<string | undefined> {
  if (p.kind === "user") return (await firstRow(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, p.id))))?.h;
  if (p.kind === "mail_account")
    return (await firstRow(db.select({ h: mailAccounts.passwordHash }).from(mailAccounts).where(eq(mailAccounts.id, p.id))))?.h;
  return (await firstRow(db.select({ h: mailboxes.passwordHash }).from(mailboxes).where(eq(mailboxes.id, p.id))))?.h;
}

export type CompleteReset = { token: string; newPassword: string; secondFactorCode?: string; ip: string; locale: Locale };

/**
 * "Speichern": checks the new password against the policy first (a typo must not burn the link),
 * then the second factor, then spends the link atomically and sets the password through setPassword
 * (other sessions end, open links are voided, audit). No session is issued: the user signs in anew.
 * Returns the notice mail for the contact on file.
 */
export async function completePasswordReset(input: CompleteReset, db: Db = getDb(), now = new Date()): Promise<OutgoingMail> {
  const open = await openTokenOrThrow(db, input.token, now);
  const target = await loadRecoveryTarget(db, open.principal.kind, open.principal.id);
  const hash = await currentHash(db, open.principal);
  if (!target || !hash) throw invalidLink();

  const errors = validateNewPassword(input.newPassword, { names: [target.label] }, await getPasswordPolicyOptions(db));
  if (errors.length) throw new ValidationError("errors.checkFields", { newPassword: errors });

  if (await principalHasSecondFactor(open.principal, db)) {
    const key = `reset:2fa:${open.principal.kind}:${open.principal.id}`;
    if ((await lockedFor(db, [key], now.getTime())) > 0)
      throw new ValidationError("errors.checkFields", { secondFactorCode: ["recovery.secondFactorWrong"] });
    const code = input.secondFactorCode?.trim() ?? "";
    if (!code) throw new ValidationError("errors.checkFields", { secondFactorCode: ["validation.required"] });
    if (!(await verifyPrincipalSecondFactor(open.principal, code, db))) {
      await recordFailure(db, [key], now.getTime());
      throw new ValidationError("errors.checkFields", { secondFactorCode: ["recovery.secondFactorWrong"] });
    }
    await clearFailures(db, key);
  }

  const spent = await transaction(db, async (tx) => await spendToken(tx, open.id, now), { behavior: "immediate" });
  if (!spent) throw invalidLink();
  await setPassword(
    open.principal,
    input.newPassword,
    {
      actor: null,
      ip: input.ip,
      action: "password.reset",
      // Checked above, before the link was spent.
      skipPolicy: true,
      details: { via: "recovery_link" },
    },
    db,
  );
  return renderPasswordChangedMail({ to: open.sentTo, account: target.label, at: now, locale: input.locale });
}
