import "server-only";
import { isProtectedAddress } from "@/lib/mail/protected-addresses";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailboxes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { validateNewPassword } from "@/lib/password/validate-new-password";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { setPassword } from "@/lib/services/passwords/set-password";
import { getPasswordPolicyOptions } from "@/lib/services/settings/password-policy-settings";
import { getSubscriptionForCustomer } from "@/lib/services/subscriptions/get-subscription-for-customer";
import type { MailboxSettingsInput } from "@/lib/validation/mailbox";
import { getPanelMailbox } from "./get-panel-mailbox";
import { resolveQuota, throwIfFieldErrors } from "./mailbox-limits";
import { transaction } from "@/db/transaction";

/**
 * The "Einstellungen" form: an optional new password, mailbox on/off and quota. Everything is
 * validated before anything is written, so a refused password leaves quota and status untouched.
 * The password goes through setPassword (policy, hash, ending the mailbox's sessions, audit).
 */
export async function updateMailboxSettings(actor: Actor, input: MailboxSettingsInput, ctx: { ip?: string | null }, db: Db = getDb()) {
  const sub = await getSubscriptionForCustomer(actor, input.subscriptionId, db);
  const mailbox = await getPanelMailbox(actor, sub.id, input.mailboxId, db);
  const quota = resolveQuota(input.quotaMb, sub.limits.mailboxQuotaMb);
  const pwErrors = input.newPassword
    ? validateNewPassword(input.newPassword, { names: [mailbox.address] }, await getPasswordPolicyOptions(db))
    : [];
  throwIfFieldErrors({
    quotaMb: "error" in quota ? [quota.error] : [],
    newPassword: pwErrors,
    enabled: !input.enabled && isProtectedAddress(mailbox.address) ? ["panel.errors.protectedAddress"] : [],
  });
  if ("error" in quota) return { passwordChanged: false };

  const passwordChanged = !!input.newPassword;
  if (passwordChanged) {
    await setPassword(
      { kind: "mailbox", id: mailbox.id },
      input.newPassword,
      {
        actor,
        ip: ctx.ip,
        action: "mailbox.password.set",
        // Checked above together with the other fields.
        skipPolicy: true,
        details: { via: `panel-${sub.panel}` },
      },
      db,
    );
  }
  if (quota.quotaMb !== mailbox.quotaMb || input.enabled !== mailbox.enabled) {
    await transaction(
      db,
      async (tx) => {
        await tx
          .update(mailboxes)
          .set({ quotaMb: quota.quotaMb, enabled: input.enabled, updatedAt: new Date() })
          .where(eq(mailboxes.id, mailbox.id));
        await writeAudit(tx, actor, {
          action: "mailbox.update",
          targetKind: "mailbox",
          targetId: mailbox.id,
          targetLabel: mailbox.address,
          resellerId: mailbox.resellerId,
          customerId: mailbox.customerId,
          ip: ctx.ip,
          details: { enabled: input.enabled, quotaMb: quota.quotaMb, previousEnabled: mailbox.enabled, previousQuotaMb: mailbox.quotaMb },
        });
      },
      { behavior: "immediate" },
    );
  }
  return { passwordChanged };
}
