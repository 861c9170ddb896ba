import "server-only";
import { type Db, getDb } from "@/db";
import type { LoginArea } from "@/lib/auth/login-areas";
import { lockedFor, recordFailure } from "@/lib/auth/throttle";
import type { Locale } from "@/lib/i18n/locales";
import type { OutgoingMail } from "@/lib/mail/smtp";
import { renderResetLinkMail } from "@/lib/mail/templates/recovery-mails";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { resetLinkFor } from "./links";
import { findRecoveryTarget } from "./targets";
import { generateToken, type Principal, storeToken } from "./tokens";
import { transaction } from "@/db/transaction";

export type ResetRequest = { area: LoginArea; identifier: string; ip: string; locale: Locale };
export type ResetRequestResult = { ok: true; mail: OutgoingMail | null } | { ok: false; retryAfterMs: number };

const DECOY: Principal = { kind: "user", id: 0 };

/**
 * "Passwort vergessen?". Known and unknown accounts run the same statements (a decoy token row is
 * stored, born spent) and get the same answer; the caller sends the mail after the response, so
 * SMTP time cannot tell them apart either. Visible limits apply per typed identifier and per client
 * address (equal for every name); the per-account limit drops the mail silently.
 */
export async function requestPasswordReset(req: ResetRequest, db: Db = getDb(), now = new Date()): Promise<ResetRequestResult> {
  const visibleKeys = [`reset:acct:${req.area}:${req.identifier.trim().toLowerCase()}`, `reset:ip:${req.ip}`];
  const wait = await lockedFor(db, visibleKeys, now.getTime());
  if (wait > 0) return { ok: false, retryAfterMs: wait };
  const found = await findRecoveryTarget(db, req.area, req.identifier);
  // Unknown names share one key, so both paths check and count the same number of rows.
  const principalKey = found ? `reset:principal:${found.kind}:${found.id}` : "reset:principal:unknown";
  const silenced = (await lockedFor(db, [principalKey], now.getTime())) > 0;
  await recordFailure(db, [...visibleKeys, principalKey], now.getTime());
  const target = found?.sendTo && !silenced ? { ...found, sendTo: found.sendTo } : undefined;

  const { token, hash } = generateToken();
  await transaction(
    db,
    async (tx) => {
      await storeToken(tx, target ?? DECOY, hash, target?.sendTo ?? "", now);
      // Requests that send nothing (unknown name, no address, limit) are logged too, without the typed name.
      await writeAudit(
        tx,
        null,
        target
          ? {
              action: "recovery.link_requested",
              targetKind: target.kind,
              targetId: target.id,
              targetLabel: target.label,
              resellerId: target.resellerId,
              customerId: target.customerId,
              ip: req.ip,
              details: { area: req.area },
            }
          : { action: "recovery.link_not_sent", ip: req.ip, details: { area: req.area } },
      );
    },
    { behavior: "immediate" },
  );

  // Rendered either way (template formatting is measurable), sent only for a real account.
  const mail = renderResetLinkMail({
    to: target?.sendTo ?? "",
    account: target?.label ?? req.identifier,
    link: await resetLinkFor(token, db),
    locale: req.locale,
  });
  return { ok: true, mail: target ? mail : null };
}
