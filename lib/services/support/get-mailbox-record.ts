import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { preparedQuery } from "@/db/prepared";
import {
  auditLog,
  customers,
  domains,
  forwards,
  mailUsage,
  mailboxes,
  packages,
  resellers,
  senderRules,
  spamSettings,
  subscriptions,
} from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { toMailUsage } from "@/lib/services/mail-usage/mail-usage";
import { NotFoundError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { firstRow } from "@/db/rows";

const RECENT_AUDIT = 10;

// The record's queries are prepared (db/prepared.ts): on PostgreSQL, planning the eight-table join took
// ~4 ms at every view, more than running it (EXPLAIN ANALYZE on the benchmark set).
const recordQuery = preparedQuery((db) =>
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
      spamEnabled: spamSettings.enabled,
      spamLevel: spamSettings.level,
      spamAction: spamSettings.action,
      // Storage in use and the last IMAP/submission login, as Dovecot recorded them (mail_usage).
      storageBytes: mailUsage.storageBytes,
      lastLogin: mailUsage.lastLogin,
    })
    .from(mailboxes)
    .innerJoin(domains, eq(mailboxes.domainId, domains.id))
    .innerJoin(customers, eq(mailboxes.customerId, customers.id))
    .innerJoin(resellers, eq(mailboxes.resellerId, resellers.id))
    .innerJoin(subscriptions, eq(domains.subscriptionId, subscriptions.id))
    .innerJoin(packages, eq(subscriptions.packageId, packages.id))
    .leftJoin(spamSettings, eq(spamSettings.mailboxId, mailboxes.id))
    .leftJoin(mailUsage, eq(mailUsage.login, mailboxes.address))
    .where(eq(mailboxes.id, sql.placeholder("id"))),
);

const forwardsQuery = preparedQuery((db) =>
  db
    .select({ target: forwards.target })
    .from(forwards)
    .where(eq(forwards.mailboxId, sql.placeholder("id")))
    .orderBy(asc(forwards.target)),
);

const senderRulesQuery = preparedQuery((db) =>
  db
    .select({ kind: senderRules.kind, pattern: senderRules.pattern })
    .from(senderRules)
    .where(eq(senderRules.mailboxId, sql.placeholder("id")))
    .orderBy(asc(senderRules.pattern)),
);

const recentAuditQuery = preparedQuery((db) =>
  db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorLabel: auditLog.actorLabel,
      actorApiKey: auditLog.actorApiKey,
      action: auditLog.action,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .where(and(eq(auditLog.targetKind, "mailbox"), eq(auditLog.targetId, sql.placeholder("id"))))
    .orderBy(desc(auditLog.id))
    .limit(RECENT_AUDIT),
);

/**
 * The read-only record support looks at while helping a customer. Explicit columns only: no hash,
 * no session version, no recovery data. Opening it is audited with the optional ticket number.
 * The spam setting and Dovecot's usage figures come with the record's own query (left joins), and
 * the audit entry is one INSERT without a transaction around it: on PostgreSQL each query, and a
 * transaction's BEGIN, SET and COMMIT, is a round trip of its own (issue 23).
 */
export async function viewMailboxRecord(actor: Actor, mailboxId: number, opts: { ticketId?: number; ip: string | null }, db: Db = getDb()) {
  assertCan(actor, "support.read");
  const row = await firstRow(recordQuery(db).execute({ id: mailboxId }));
  if (!row) throw new NotFoundError();
  const { spamEnabled, spamLevel, spamAction, storageBytes, lastLogin, ...record } = row;
  const spam =
    spamEnabled === null || spamLevel === null || spamAction === null
      ? null
      : { enabled: spamEnabled, level: spamLevel, action: spamAction };
  const id = record.id;
  const forwardTargets = (await forwardsQuery(db).execute({ id })).map((f) => f.target);
  const senderRuleRows = await senderRulesQuery(db).execute({ id });
  const recentAudit = await recentAuditQuery(db).execute({ id });
  await writeAudit(db, actor, {
    action: "support.record_view",
    targetKind: "mailbox",
    targetId: id,
    targetLabel: record.address,
    resellerId: record.resellerId,
    customerId: record.customerId,
    ip: opts.ip,
    details: { ticketId: opts.ticketId ?? null },
  });
  return {
    ...record,
    ...toMailUsage({ storageBytes, lastLogin }),
    forwards: forwardTargets,
    spam,
    senderRules: senderRuleRows,
    recentAudit,
  };
}
export type MailboxRecord = Awaited<ReturnType<typeof viewMailboxRecord>>;
