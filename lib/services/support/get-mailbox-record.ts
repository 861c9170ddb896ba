import "server-only";
import { NO_USAGE, usageOf } from "@/lib/services/mail-usage/mail-usage";
import { and, asc, desc, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import {
  auditLog,
  customers,
  domains,
  forwards,
  mailboxes,
  packages,
  resellers,
  senderRules,
  spamSettings,
  subscriptions,
} from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { NotFoundError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

const RECENT_AUDIT = 10;

/**
 * The read-only record support looks at while helping a customer. Explicit columns only: no hash,
 * no session version, no recovery data. Opening it is audited with the optional ticket number.
 */
export async function viewMailboxRecord(actor: Actor, mailboxId: number, opts: { ticketId?: number; ip: string | null }, db: Db = getDb()) {
  assertCan(actor, "support.read");
  const record = await firstRow(
    db
      .select({
        id: mailboxes.id,
        address: mailboxes.address,
        enabled: mailboxes.enabled,
        quotaMb: mailboxes.quotaMb,
        keepCopy: mailboxes.keepCopy,
        passwordChangedAt: mailboxes.passwordChangedAt,
        createdAt: mailboxes.createdAt,
        resellerId: mailboxes.resellerId,
        customerId: mailboxes.customerId,
        domain: domains.name,
        customerNumber: customers.customerNumber,
        company: customers.company,
        contactName: customers.contactName,
        reseller: resellers.name,
        packageName: packages.name,
        panel: packages.panel,
      })
      .from(mailboxes)
      .innerJoin(domains, eq(mailboxes.domainId, domains.id))
      .innerJoin(customers, eq(mailboxes.customerId, customers.id))
      .innerJoin(resellers, eq(mailboxes.resellerId, resellers.id))
      .innerJoin(subscriptions, eq(domains.subscriptionId, subscriptions.id))
      .innerJoin(packages, eq(subscriptions.packageId, packages.id))
      .where(eq(mailboxes.id, mailboxId)),
  );
  if (!record) throw new NotFoundError();
  const forwardTargets = (
    await db.select({ target: forwards.target }).from(forwards).where(eq(forwards.mailboxId, record.id)).orderBy(asc(forwards.target))
  ).map((f) => f.target);
  const spam =
    (await firstRow(
      db
        .select({ enabled: spamSettings.enabled, level: spamSettings.level, action: spamSettings.action })
        .from(spamSettings)
        .where(eq(spamSettings.mailboxId, record.id)),
    )) ?? null;
  const senderRuleRows = await db
    .select({ kind: senderRules.kind, pattern: senderRules.pattern })
    .from(senderRules)
    .where(eq(senderRules.mailboxId, record.id))
    .orderBy(asc(senderRules.pattern));
  const recentAudit = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorLabel: auditLog.actorLabel,
      actorApiKey: auditLog.actorApiKey,
      action: auditLog.action,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .where(and(eq(auditLog.targetKind, "mailbox"), eq(auditLog.targetId, record.id)))
    .orderBy(desc(auditLog.id))
    .limit(RECENT_AUDIT);
  await transaction(db, async (tx) => {
    await writeAudit(tx, actor, {
      action: "support.record_view",
      targetKind: "mailbox",
      targetId: record.id,
      targetLabel: record.address,
      resellerId: record.resellerId,
      customerId: record.customerId,
      ip: opts.ip,
      details: { ticketId: opts.ticketId ?? null },
    });
  });
  // Storage in use and the last IMAP/submission login, as Dovecot recorded them (mail_usage).
  const usage = (await usageOf(db, [record.address])).get(record.address) ?? NO_USAGE;
  return { ...record, ...usage, forwards: forwardTargets, spam, senderRules: senderRuleRows, recentAudit };
}
export type MailboxRecord = Awaited<ReturnType<typeof viewMailboxRecord>>;
