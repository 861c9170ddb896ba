import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import {
  autoresponders,
  domains,
  forwards,
  mailAliases,
  mailAliasTargets,
  mailboxes,
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
import { IMPORT_COLUMNS } from "./read-csv";
import { firstRow } from "@/db/rows";

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
export type ExportData = { subscriptionId: number; domains: ExportDomain[] };

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
      .select({ id: subscriptions.id, resellerId: subscriptions.resellerId, customerId: subscriptions.customerId })
      .from(subscriptions)
      .where(and(eq(subscriptions.id, subscriptionId), tenantScope(actor, subscriptions))),
  );
  if (!sub) throw new NotFoundError();
  const doms = await db.select().from(domains).where(eq(domains.subscriptionId, sub.id)).orderBy(asc(domains.name));
  const ids = doms.map((d) => d.id);
  const boxes = ids.length ? await db.select().from(mailboxes).where(inArray(mailboxes.domainId, ids)).orderBy(asc(mailboxes.address)) : [];
  const fwd = boxes.length
    ? await db
        .select()
        .from(forwards)
        .where(
          inArray(
            forwards.mailboxId,
            boxes.map((b) => b.id),
          ),
        )
        .orderBy(asc(forwards.target))
    : [];
  const aliases = ids.length
    ? await db
        .select({ domainId: mailAliases.domainId, address: mailAliases.address, target: mailAliasTargets.target })
        .from(mailAliases)
        .innerJoin(mailAliasTargets, eq(mailAliasTargets.aliasId, mailAliases.id))
        .where(inArray(mailAliases.domainId, ids))
        .orderBy(asc(mailAliases.address), asc(mailAliasTargets.target))
    : [];
  const settings = await mailboxSettings(db, ids);
  const data: ExportData = {
    subscriptionId: sub.id,
    domains: doms.map((d) => {
      const byAlias = new Map<string, string[]>();
      for (const a of aliases.filter((x) => x.domainId === d.id)) byAlias.set(a.address, [...(byAlias.get(a.address) ?? []), a.target]);
      return {
        name: d.name,
        mailboxes: boxes
          .filter((b) => b.domainId === d.id)
          .map((b) => ({
            address: b.address,
            quotaMb: b.quotaMb,
            enabled: b.enabled,
            forwards: fwd.filter((f) => f.mailboxId === b.id).map((f) => f.target),
            ...(settings.get(b.id) ?? { spamFilter: null, senders: { block: [], allow: [] }, autoresponder: null }),
            ...(opts.withHashes ? { passwordHash: b.passwordHash } : {}),
          })),
        aliases: [...byAlias].map(([address, targets]) => ({ address, targets })),
      };
    }),
  };
  await writeAudit(db, actor, {
    action: "export.download",
    targetKind: "subscription",
    targetId: sub.id,
    resellerId: sub.resellerId,
    customerId: sub.customerId,
    ip: opts.ip,
    details: { format: opts.format, hashes: opts.withHashes, mailboxes: boxes.length },
  });
  return data;
}

/**
 * Spam filter, sender black- and whitelist and autoresponder of every mailbox in the domains, keyed
 * by mailbox id; read through the domains (few ids), not a list of 100,000 mailbox ids.
 */
async function mailboxSettings(db: Db, domainIds: number[]): Promise<Map<number, ExportMailboxSettings>> {
  const out = new Map<number, ExportMailboxSettings>();
  if (!domainIds.length) return out;
  const inDomains = inArray(mailboxes.domainId, domainIds);
  const of = (id: number) => {
    let s = out.get(id);
    if (!s) out.set(id, (s = { spamFilter: null, senders: { block: [], allow: [] }, autoresponder: null }));
    return s;
  };
  const spam = await db
    .select({ id: spamSettings.mailboxId, enabled: spamSettings.enabled, level: spamSettings.level, action: spamSettings.action })
    .from(spamSettings)
    .innerJoin(mailboxes, eq(spamSettings.mailboxId, mailboxes.id))
    .where(inDomains);
  for (const { id, ...filter } of spam) of(id).spamFilter = filter;
  const rules = await db
    .select({ id: senderRules.mailboxId, kind: senderRules.kind, pattern: senderRules.pattern })
    .from(senderRules)
    .innerJoin(mailboxes, eq(senderRules.mailboxId, mailboxes.id))
    .where(inDomains)
    .orderBy(asc(senderRules.pattern));
  for (const r of rules) of(r.id).senders[r.kind].push(r.pattern);
  const replies = await db
    .select({
      id: autoresponders.mailboxId,
      enabled: autoresponders.enabled,
      subject: autoresponders.subject,
      body: autoresponders.body,
      startsOn: autoresponders.startsOn,
      endsOn: autoresponders.endsOn,
      intervalDays: autoresponders.intervalDays,
    })
    .from(autoresponders)
    .innerJoin(mailboxes, eq(autoresponders.mailboxId, mailboxes.id))
    .where(inDomains);
  for (const { id, ...reply } of replies) of(id).autoresponder = reply;
  return out;
}

/** A spreadsheet must never run a cell as a formula (`=HYPERLINK(…)`): such cells get a leading `'`. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The export in the import's own CSV format, so a re-import gives the same data. */
export function exportCsv(data: ExportData): string {
  const lines = [IMPORT_COLUMNS.join(",")];
  const line = (cells: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>) =>
    lines.push(IMPORT_COLUMNS.map((c) => cell(cells[c] ?? "")).join(","));
  for (const d of data.domains) {
    line({ type: "domain", address: d.name });
    for (const m of d.mailboxes) {
      line({
        type: "mailbox",
        address: m.address,
        password: m.passwordHash ?? "",
        quota_mb: m.quotaMb === null ? "" : String(m.quotaMb),
        enabled: m.enabled ? "yes" : "no",
      });
    }
    for (const m of d.mailboxes) if (m.forwards.length) line({ type: "forward", address: m.address, targets: m.forwards.join(" ") });
    for (const a of d.aliases) line({ type: "alias", address: a.address, targets: a.targets.join(" ") });
  }
  return lines.join("\r\n") + "\r\n";
}
