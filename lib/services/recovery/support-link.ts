import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { users } from "@/db/schema";
import { lockedFor, recordFailure } from "@/lib/auth/throttle";
import type { Actor } from "@/lib/authz/actor";
import { assertCan, roleHas } from "@/lib/authz/permissions";
import { ValidationError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import type { OutgoingMail } from "@/lib/mail/smtp";
import { renderResetLinkMail, renderSupportNoticeMail } from "@/lib/mail/templates/recovery-mails";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { resetLinkFor } from "./links";
import { findRecoveryTarget } from "./targets";
import { generateToken, storeToken } from "./tokens";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

export const SUPPORT_ACCOUNT_KINDS = ["user", "mail_account", "mailbox"] as const;
const AREA = { user: "ksc", mail_account: "mailadmin", mailbox: "mailbox" } as const;

export type SupportLinkInput = {
  kind: (typeof SUPPORT_ACCOUNT_KINDS)[number];
  identifier: string;
  recipient: "contact" | "new";
  newAddress?: string;
  reason: string;
};

export type SupportLinkResult =
  { ok: true; sentTo: string; mail: OutgoingMail; ownerNotice: OutgoingMail | null } | { ok: false; retryAfterMs: number };

/**
 * "If the mail does not arrive": support sends a link to the contact on file, or, after checking the
 * customer's identity, to a new address; the reason goes into the audit log. Support never sees the
 * token or a password. Only customer accounts, `.001` accounts and mailboxes: staff accounts recover
 * through the hoster's administration.
 */
export async function sendSupportRecoveryLink(
  actor: Actor,
  input: SupportLinkInput,
  locale: Locale,
  ip: string,
  db: Db = getDb(),
  now = new Date(),
): Promise<SupportLinkResult> {
  assertCan(actor, "support.recovery");
  const key = `reset:support:${actor.id}`;
  const wait = await lockedFor(db, [key], now.getTime());
  if (wait > 0) return { ok: false, retryAfterMs: wait };

  const target = await findRecoveryTarget(db, AREA[input.kind], input.identifier);
  if (!target) throw new ValidationError("errors.checkFields", { identifier: ["supportRecovery.notFound"] });
  if (target.kind === "user") {
    const role = (await firstRow(db.select({ role: users.role }).from(users).where(eq(users.id, target.id))))?.role;
    if (!role || !roleHas(role, "customer.self"))
      throw new ValidationError("errors.checkFields", { identifier: ["supportRecovery.notFound"] });
  }
  const sendTo = input.recipient === "new" ? input.newAddress : target.sendTo;
  if (!sendTo) throw new ValidationError("errors.checkFields", { recipient: ["supportRecovery.noContact"] });

  await recordFailure(db, [key], now.getTime());
  const { token, hash } = generateToken();
  await transaction(
    db,
    async (tx) => {
      await storeToken(tx, target, hash, sendTo, now);
      await writeAudit(tx, actor, {
        action: "recovery.support_link",
        targetKind: target.kind,
        targetId: target.id,
        targetLabel: target.label,
        resellerId: target.resellerId,
        customerId: target.customerId,
        ip,
        details: { recipient: input.recipient, sentTo: sendTo, reason: input.reason },
      });
    },
    { behavior: "immediate" },
  );
  const mail = renderResetLinkMail({ to: sendTo, account: target.label, link: await resetLinkFor(token, db), locale, bySupport: true });
  const ownerNotice =
    target.sendTo && target.sendTo !== sendTo
      ? renderSupportNoticeMail({ to: target.sendTo, account: target.label, sentTo: sendTo, locale })
      : null;
  return { ok: true, sentTo: sendTo, mail, ownerNotice };
}
