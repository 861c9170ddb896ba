import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { autoresponders } from "@/db/schema";
import { AUTORESPONDER_INTERVALS } from "@/db/schema/autoresponders";
import type { Actor } from "@/lib/authz/actor";
import { syncMailboxSieveSafely } from "@/lib/mail/sieve/sync";
import type { AuditAction } from "@/lib/services/audit/actions";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { loadOwnMailbox } from "@/lib/services/mailbox-settings/own-mailbox";
import { getPanelMailbox } from "@/lib/services/mailboxes/get-panel-mailbox";
import { getSubscriptionForCustomer } from "@/lib/services/subscriptions/get-subscription-for-customer";
import type { AutoresponderInput, PanelAutoresponderInput } from "@/lib/validation/autoresponder";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

/**
 * Abwesenheitsnotiz of one mailbox: read and saved by the mailbox user (self-service) and by the
 * customer (panels). Both paths resolve the mailbox within the caller's tenant first (else 404) and
 * share the write below; Dovecot runs it as Sieve `vacation` from the rewritten script.
 */

export type Autoresponder = {
  enabled: boolean;
  subject: string;
  body: string;
  startsOn: string | null;
  endsOn: string | null;
  intervalDays: number;
};

export const EMPTY_AUTORESPONDER: Autoresponder = {
  enabled: false,
  subject: "",
  body: "",
  startsOn: null,
  endsOn: null,
  intervalDays: AUTORESPONDER_INTERVALS.default,
};

type Target = { id: number; address: string; resellerId: number; customerId: number };

/** The columns of a stored autoresponder, as the settings page and the export read them. */
export const AUTORESPONDER_COLUMNS = {
  enabled: autoresponders.enabled,
  subject: autoresponders.subject,
  body: autoresponders.body,
  startsOn: autoresponders.startsOn,
  endsOn: autoresponders.endsOn,
  intervalDays: autoresponders.intervalDays,
};

/** The mailbox's stored autoresponder row, or undefined when it never had one (the import's undo tells them apart). */
export async function findAutoresponder(db: Pick<Db, "select">, mailboxId: number): Promise<Autoresponder | undefined> {
  return await firstRow(db.select(AUTORESPONDER_COLUMNS).from(autoresponders).where(eq(autoresponders.mailboxId, mailboxId)));
}

async function read(db: Pick<Db, "select">, mailboxId: number): Promise<Autoresponder> {
  return (await findAutoresponder(db, mailboxId)) ?? EMPTY_AUTORESPONDER;
}

/** The stored row's values from a validated form; the same for mailboxes and mail accounts. */
export function replyValues(input: AutoresponderInput) {
  return {
    enabled: input.enabled,
    subject: input.subject,
    body: input.body,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    intervalDays: input.intervalDays,
    updatedAt: new Date(),
  };
}

/** What the audit log keeps: the text itself stays out, it may be personal. */
export function replyAuditDetails(input: AutoresponderInput) {
  return { enabled: input.enabled, startsOn: input.startsOn, endsOn: input.endsOn, intervalDays: input.intervalDays };
}

async function save(db: Db, actor: Actor, mailbox: Target, input: AutoresponderInput, action: AuditAction, ip: string | null | undefined) {
  const values = replyValues(input);
  await transaction(
    db,
    async (tx) => {
      await tx
        .insert(autoresponders)
        .values({ mailboxId: mailbox.id, resellerId: mailbox.resellerId, customerId: mailbox.customerId, ...values })
        .onConflictDoUpdate({ target: autoresponders.mailboxId, set: values });
      await writeAudit(tx, actor, {
        action,
        targetKind: "mailbox",
        targetId: mailbox.id,
        targetLabel: mailbox.address,
        resellerId: mailbox.resellerId,
        customerId: mailbox.customerId,
        ip,
        details: replyAuditDetails(input),
      });
    },
    { behavior: "immediate" },
  );
  await syncMailboxSieveSafely(db, mailbox.id);
}

export async function getOwnAutoresponder(actor: Actor, db: Db = getDb()): Promise<Autoresponder> {
  return await read(db, (await loadOwnMailbox(actor, db)).id);
}

export async function setOwnAutoresponder(actor: Actor, input: AutoresponderInput, ip: string | null, db: Db = getDb()) {
  await save(db, actor, await loadOwnMailbox(actor, db), input, "mailbox.autoresponder.self", ip);
}

export async function getPanelAutoresponder(
  actor: Actor,
  subscriptionId: number,
  mailboxId: number,
  db: Db = getDb(),
): Promise<Autoresponder> {
  const sub = await getSubscriptionForCustomer(actor, subscriptionId, db);
  return await read(db, (await getPanelMailbox(actor, sub.id, mailboxId, db)).id);
}

export async function setPanelAutoresponder(actor: Actor, input: PanelAutoresponderInput, ctx: { ip?: string | null }, db: Db = getDb()) {
  const sub = await getSubscriptionForCustomer(actor, input.subscriptionId, db);
  const mailbox = await getPanelMailbox(actor, sub.id, input.mailboxId, db);
  await save(db, actor, mailbox, input, "mailbox.autoresponder.update", ctx.ip);
}
