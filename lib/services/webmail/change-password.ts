import "server-only";
import { type Db, getDb } from "@/db";
import { findLoginCandidate, loadActor } from "@/lib/auth/principals";
import { recordFailure } from "@/lib/auth/throttle";
import { ValidationError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { messageKey } from "@/lib/i18n/message-ref";
import type { OutgoingMail } from "@/lib/mail/smtp";
import { changeOwnMailboxPassword, throttleKeys } from "@/lib/services/mailbox-settings/change-own-password";
import type { WebmailPasswordInput } from "@/lib/validation/webmail";

export type WebmailRefusal = "currentWrong" | "locked" | "policy";
export type WebmailPasswordResult = { ok: true; notice: OutgoingMail } | { ok: false; reason: WebmailRefusal; messageKeys: string[] };

const LOCKED_KEY = "mailboxSettings.errors.throttled";
const WRONG_KEY = "password.errors.currentWrong";

/**
 * A password change from the webmail's settings: the mailbox user's own change, through the same
 * service as the self-service form (current password checked and counted toward the lock, the one
 * policy, the new hash, other sessions ended, audit "via webmail", the change notice). The caller
 * has already proved the shared secret. An unknown or disabled address answers like a wrong
 * password and is counted under the client's address.
 */
export async function changePasswordFromWebmail(
  input: WebmailPasswordInput,
  ip: string,
  locale: Locale,
  db: Db = getDb(),
): Promise<WebmailPasswordResult> {
  const candidate = await findLoginCandidate(db, "mailbox", input.user);
  const actor = candidate && (await loadActor(db, "mailbox", candidate.id));
  if (!actor) {
    await recordFailure(db, [throttleKeys(0, ip)[1]]);
    return { ok: false, reason: "currentWrong", messageKeys: [WRONG_KEY] };
  }
  try {
    const { notice } = await changeOwnMailboxPassword(
      actor,
      { currentPassword: input.currentPassword, newPassword: input.newPassword, confirmPassword: input.newPassword },
      ip,
      { via: "webmail", locale },
      db,
    );
    return { ok: true, notice };
  } catch (error) {
    if (!(error instanceof ValidationError) || !error.fieldErrors) throw error;
    // A refusal names only the fields that were wrong; the others are absent.
    const fields: Partial<Record<string, string[]>> = Object.fromEntries(
      Object.entries(error.fieldErrors).map(([field, messages]) => [field, messages.map(messageKey)]),
    );
    const current = fields.currentPassword ?? [];
    if (current.includes(LOCKED_KEY)) return { ok: false, reason: "locked", messageKeys: [LOCKED_KEY] };
    if (current.length) return { ok: false, reason: "currentWrong", messageKeys: current };
    return { ok: false, reason: "policy", messageKeys: fields.newPassword ?? [] };
  }
}
