import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailAccountAutoresponders } from "@/db/schema";
import { firstRow } from "@/db/rows";
import { transaction } from "@/db/transaction";
import type { Actor } from "@/lib/authz/actor";
import { syncMailAccountSieveSafely } from "@/lib/mail/sieve/sync";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { accountOrThrow, assertMailAdmin } from "@/lib/services/mail-accounts/mail-admin-guard";
import type { MailAccountAutoresponderInput } from "@/lib/validation/autoresponder";
import { type Autoresponder, EMPTY_AUTORESPONDER, replyAuditDetails, replyValues } from "./autoresponder";

/**
 * Abwesenheitsnotiz of a mail account, set in the E-Mail-Administration: the same form, values and
 * Sieve `vacation` as a mailbox's (./autoresponder.ts, lib/mail/sieve), stored per account. The
 * account is resolved within the administrator's customer first (another customer's: 404).
 */
/** The columns of an account's stored reply, as the form and the export read them (the mailbox's: AUTORESPONDER_COLUMNS). */
export const MAIL_ACCOUNT_AUTORESPONDER_COLUMNS = {
  enabled: mailAccountAutoresponders.enabled,
  subject: mailAccountAutoresponders.subject,
  body: mailAccountAutoresponders.body,
  startsOn: mailAccountAutoresponders.startsOn,
  endsOn: mailAccountAutoresponders.endsOn,
  intervalDays: mailAccountAutoresponders.intervalDays,
};

/** The account's stored reply, or undefined when it never had one (the import's undo tells them apart). */
export async function findMailAccountAutoresponder(db: Pick<Db, "select">, accountId: number): Promise<Autoresponder | undefined> {
  return await firstRow(
    db
      .select(MAIL_ACCOUNT_AUTORESPONDER_COLUMNS)
      .from(mailAccountAutoresponders)
      .where(eq(mailAccountAutoresponders.mailAccountId, accountId)),
  );
}

export async function getMailAccountAutoresponder(actor: Actor, accountId: number, db: Db = getDb()): Promise<Autoresponder> {
  assertMailAdmin(actor);
  const account = await accountOrThrow(db, actor, accountId);
  return (await findMailAccountAutoresponder(db, account.id)) ?? EMPTY_AUTORESPONDER;
}

export async function setMailAccountAutoresponder(actor: Actor, input: MailAccountAutoresponderInput, ip: string | null, db: Db = getDb()) {
  const tenant = assertMailAdmin(actor);
  const values = replyValues(input);
  const account = await transaction(
    db,
    async (tx) => {
      const account = await accountOrThrow(tx, actor, input.accountId);
      await tx
        .insert(mailAccountAutoresponders)
        .values({ mailAccountId: account.id, ...tenant, ...values })
        .onConflictDoUpdate({ target: mailAccountAutoresponders.mailAccountId, set: values });
      await writeAudit(tx, actor, {
        action: "mail_account.autoresponder",
        targetKind: "mail_account",
        targetId: account.id,
        targetLabel: account.login,
        ...tenant,
        ip,
        details: replyAuditDetails(input),
      });
      return account;
    },
    { behavior: "immediate" },
  );
  await syncMailAccountSieveSafely(db, account);
}
