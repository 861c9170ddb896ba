import "server-only";
import { AUTORESPONDER_COLUMNS } from "@/lib/services/autoresponder/autoresponder";
import { and, asc, eq, type SQL } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import {
  autoresponders,
  domains,
  forwards,
  mailAliases,
  mailAliasTargets,
  mailboxes,
  packages,
  senderRules,
  spamSettings,
  subscriptions,
} from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import type { Autoresponder } from "@/lib/services/autoresponder/autoresponder";
import { firstRow } from "@/db/rows";
import { type ExportMailAccount, exportMailAccounts } from "./export-accounts";

/** Settings of a mailbox the JSON export carries beside its address (the CSV has the import's columns only). */
export type ExportMailboxSettings = {
  spamFilter: { enabled: boolean; level: number; action: string } | null;
  senders: { block: string[]; allow: string[] };
  autoresponder: Autoresponder | null;
};
export type ExportMailbox = {
  address: string;
  quotaMb: number | null;
  enabled: boolean;
  forwards: string[];
  passwordHash?: string;
} & ExportMailboxSettings;
export type ExportDomain = { name: string; mailboxes: ExportMailbox[]; aliases: { address: string; targets: string[] }[] };
/** `mailAccounts`: only a package without panel has them (its addresses live there, not in mailboxes). */
export type ExportData = { subscriptionId: number; domains: ExportDomain[]; mailAccounts?: ExportMailAccount[] };

/**
 * A subscription's domains, mailboxes (settings, forwarding; hashes only when an admin asks for a
 * migration export), aliases, within the actor's tenant scope (foreign: 404). Audited, with or
 * without hashes, so a hash export is always on record.
 */
export async function exportSubscription(
  actor: Actor,
  subscriptionId: number,
  opts: { withHashes: boolean; format: "csv" | "json"; ip?: string | null },
  db: Db = getDb(),
): Promise<ExportData> {
  assertCan(actor, "export.read");
  if (opts.withHashes) assertCan(actor, "export.hashes");
  const sub = await firstRow(
    db
      .select({ id: subscriptions.id, resellerId: subscriptions.resellerId, customerId: subscriptions.customerId, panel: packages.panel })
      .from(subscriptions)
      .innerJoin(packages, eq(subscriptions.packageId, packages.id))
      .where(and(eq(subscriptions.id, subscriptionId), tenantScope(actor, subscriptions))),
  );
  if (!sub) throw new NotFoundError();
  // Every query is scoped by a join to the subscription's domains, never by a list of ids: a domain
  // may hold more mailboxes than SQLite takes parameters in one statement (32,766).
  const inSub = eq(domains.subscriptionId, sub.id);
  const doms = await db.select({ id: domains.id, name: domains.name }).from(domains).where(inSub).orderBy(asc(domains.name));
  const boxes = await db
    .select({
      id: mailboxes.id,
      domainId: mailboxes.domainId,
      address: mailboxes.address,
      quotaMb: mailboxes.quotaMb,
      enabled: mailboxes.enabled,
      passwordHash: mailboxes.passwordHash,
    })
    .from(mailboxes)
    .innerJoin(domains, eq(mailboxes.domainId, domains.id))
    .where(inSub)
    .orderBy(asc(mailboxes.address));
  const fwd = groupBy(
    await db
      .select({ key: forwards.mailboxId, value: forwards.target })
      .from(forwards)
      .innerJoin(mailboxes, eq(forwards.mailboxId, mailboxes.id))
      .innerJoin(domains, eq(mailboxes.domainId, domains.id))
      .where(inSub)
      .orderBy(asc(forwards.target)),
  );
  const aliasRows = await db
    .select({ domainId: mailAliases.domainId, address: mailAliases.address, target: mailAliasTargets.target })
    .from(mailAliases)
    .innerJoin(mailAliasTargets, eq(mailAliasTargets.aliasId, mailAliases.id))
    .innerJoin(domains, eq(mailAliases.domainId, domains.id))
    .where(inSub)
    .orderBy(asc(mailAliases.address), asc(mailAliasTargets.target));
  const settings = await mailboxSettings(db, inSub);
  const boxesOf = groupBy(boxes.map((b) => ({ key: b.domainId, value: b })));
  const aliasesOf = groupBy(aliasRows.map((a) => ({ key: a.domainId, value: a })));
  const data: ExportData = {
    subscriptionId: sub.id,
    domains: doms.map((d) => {
      const byAlias = new Map<string, string[]>();
      for (const a of aliasesOf.get(d.id) ?? []) byAlias.set(a.address, [...(byAlias.get(a.address) ?? []), a.target]);
      return {
        name: d.name,
        mailboxes: (boxesOf.get(d.id) ?? []).map((b) => ({
          address: b.address,
          quotaMb: b.quotaMb,
          enabled: b.enabled,
          forwards: fwd.get(b.id) ?? [],
          ...(settings.get(b.id) ?? { spamFilter: null, senders: { block: [], allow: [] }, autoresponder: null }),
          ...(opts.withHashes ? { passwordHash: b.passwordHash } : {}),
        })),
        aliases: [...byAlias].map(([address, targets]) => ({ address, targets })),
      };
    }),
    ...(sub.panel === "none" ? { mailAccounts: await exportMailAccounts(db, sub, opts.withHashes) } : {}),
  };
  await writeAudit(db, actor, {
    action: "export.download",
    targetKind: "subscription",
    targetId: sub.id,
    resellerId: sub.resellerId,
    customerId: sub.customerId,
    ip: opts.ip,
    details: { format: opts.format, hashes: opts.withHashes, mailboxes: boxes.length, mailAccounts: data.mailAccounts?.length ?? 0 },
  });
  return data;
}

/** Rows `{ key, value }` as lists of values by key, in the rows' order. */
function groupBy<K, V>(rows: { key: K; value: V }[]): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const { key, value } of rows) {
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  }
  return out;
}

/**
 * Spam filter, sender black- and whitelist and autoresponder of every mailbox of the subscription,
 * keyed by mailbox id; each read by a join through the mailbox's domain, not a list of mailbox ids.
 */
async function mailboxSettings(db: Db, inSub: SQL): Promise<Map<number, ExportMailboxSettings>> {
  const out = new Map<number, ExportMailboxSettings>();
  const of = (id: number) => {
    let s = out.get(id);
    if (!s) out.set(id, (s = { spamFilter: null, senders: { block: [], allow: [] }, autoresponder: null }));
    return s;
  };
  const spam = await db
    .select({ id: spamSettings.mailboxId, enabled: spamSettings.enabled, level: spamSettings.level, action: spamSettings.action })
    .from(spamSettings)
    .innerJoin(mailboxes, eq(spamSettings.mailboxId, mailboxes.id))
    .innerJoin(domains, eq(mailboxes.domainId, domains.id))
    .where(inSub);
  for (const { id, ...filter } of spam) of(id).spamFilter = filter;
  const rules = await db
    .select({ id: senderRules.mailboxId, kind: senderRules.kind, pattern: senderRules.pattern })
    .from(senderRules)
    .innerJoin(mailboxes, eq(senderRules.mailboxId, mailboxes.id))
    .innerJoin(domains, eq(mailboxes.domainId, domains.id))
    .where(inSub)
    .orderBy(asc(senderRules.pattern));
  for (const r of rules) of(r.id).senders[r.kind].push(r.pattern);
  const replies = await db
    .select({ id: autoresponders.mailboxId, ...AUTORESPONDER_COLUMNS })
    .from(autoresponders)
    .innerJoin(mailboxes, eq(autoresponders.mailboxId, mailboxes.id))
    .innerJoin(domains, eq(mailboxes.domainId, domains.id))
    .where(inSub);
  for (const { id, ...reply } of replies) of(id).autoresponder = reply;
  return out;
}
