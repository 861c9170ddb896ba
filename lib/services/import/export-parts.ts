import "server-only";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import {
  autoresponders,
  domains,
  forwards,
  mailAccounts,
  mailAliases,
  mailAliasTargets,
  mailboxes,
  senderRules,
  spamSettings,
} from "@/db/schema";
import { AUTORESPONDER_COLUMNS } from "@/lib/services/autoresponder/autoresponder";
import { type ExportMailAccount, exportMailAccounts } from "./export-accounts";
import type { ExportAlias, ExportMailbox, ExportMailboxSettings } from "./export-data";

/** Rows per query: far below SQLite's parameter limit for the settings' id lists, and a page's memory is small. */
export const EXPORT_PAGE = 1000;

/**
 * The export as it is read, page by page, so that nothing holds a whole subscription: a domain, then its
 * mailboxes in pages (each with its settings), then its aliases in pages; the mail accounts of a package
 * without panel at the end. The CSV and JSON writers turn each part into text as it comes.
 */
export type ExportPart =
  | { kind: "domain"; name: string; catchAll: string | null }
  | { kind: "mailboxes"; mailboxes: ExportMailbox[] }
  | { kind: "aliases"; aliases: ExportAlias[] }
  | { kind: "accounts"; accounts: ExportMailAccount[] };

export type ExportSubscriptionRow = { id: number; customerId: number; panel: string };

export async function* readExportParts(db: Db, sub: ExportSubscriptionRow, withHashes: boolean): AsyncGenerator<ExportPart> {
  const doms = await db
    .select({ id: domains.id, name: domains.name, catchAllBox: mailboxes.address, catchAllAccount: mailAccounts.login })
    .from(domains)
    .leftJoin(mailboxes, eq(domains.catchAllMailboxId, mailboxes.id))
    .leftJoin(mailAccounts, eq(domains.catchAllMailAccountId, mailAccounts.id))
    .where(eq(domains.subscriptionId, sub.id))
    .orderBy(asc(domains.name));
  for (const d of doms) {
    yield { kind: "domain", name: d.name, catchAll: d.catchAllBox ?? d.catchAllAccount ?? null };
    // Keyset pages along the (domain, local part) index: each page costs the same, however far in.
    for (let after = ""; ;) {
      const page = await db
        .select({
          id: mailboxes.id,
          localPart: mailboxes.localPart,
          address: mailboxes.address,
          quotaMb: mailboxes.quotaMb,
          enabled: mailboxes.enabled,
          passwordHash: mailboxes.passwordHash,
        })
        .from(mailboxes)
        .where(and(eq(mailboxes.domainId, d.id), gt(mailboxes.localPart, after)))
        .orderBy(asc(mailboxes.localPart))
        .limit(EXPORT_PAGE);
      if (!page.length) break;
      const settings = await mailboxSettings(
        db,
        page.map((b) => b.id),
      );
      yield {
        kind: "mailboxes",
        mailboxes: page.map((b) => ({
          address: b.address,
          quotaMb: b.quotaMb,
          enabled: b.enabled,
          ...(settings.get(b.id) ?? emptySettings()),
          ...(withHashes ? { passwordHash: b.passwordHash } : {}),
        })),
      };
      after = page[page.length - 1].localPart;
    }
    for (let after = 0; ;) {
      const page = await db
        .select({ id: mailAliases.id, address: mailAliases.address })
        .from(mailAliases)
        .where(and(eq(mailAliases.domainId, d.id), gt(mailAliases.id, after)))
        .orderBy(asc(mailAliases.id))
        .limit(EXPORT_PAGE);
      if (!page.length) break;
      const targets = groupBy(
        await db
          .select({ key: mailAliasTargets.aliasId, value: mailAliasTargets.target })
          .from(mailAliasTargets)
          .where(
            inArray(
              mailAliasTargets.aliasId,
              page.map((a) => a.id),
            ),
          )
          .orderBy(asc(mailAliasTargets.target)),
      );
      yield { kind: "aliases", aliases: page.map((a) => ({ address: a.address, targets: targets.get(a.id) ?? [] })) };
      after = page[page.length - 1].id;
    }
  }
  if (sub.panel === "none") yield { kind: "accounts", accounts: await exportMailAccounts(db, sub, withHashes) };
}

const emptySettings = (): ExportMailboxSettings & { forwards: string[] } => ({
  forwards: [],
  spamFilter: null,
  senders: { block: [], allow: [] },
  autoresponder: null,
});

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

/** Forwarding, spam filter, sender black- and whitelist and autoresponder of one page of mailboxes, by mailbox id. */
async function mailboxSettings(db: Db, ids: number[]): Promise<Map<number, ExportMailboxSettings & { forwards: string[] }>> {
  const out = new Map<number, ExportMailboxSettings & { forwards: string[] }>();
  const of = (id: number) => {
    let s = out.get(id);
    if (!s) out.set(id, (s = emptySettings()));
    return s;
  };
  const fwd = await db
    .select({ id: forwards.mailboxId, target: forwards.target })
    .from(forwards)
    .where(inArray(forwards.mailboxId, ids))
    .orderBy(asc(forwards.target));
  for (const f of fwd) of(f.id).forwards.push(f.target);
  const spam = await db
    .select({ id: spamSettings.mailboxId, enabled: spamSettings.enabled, level: spamSettings.level, action: spamSettings.action })
    .from(spamSettings)
    .where(inArray(spamSettings.mailboxId, ids));
  for (const { id, ...filter } of spam) of(id).spamFilter = filter;
  const rules = await db
    .select({ id: senderRules.mailboxId, kind: senderRules.kind, pattern: senderRules.pattern })
    .from(senderRules)
    .where(inArray(senderRules.mailboxId, ids))
    .orderBy(asc(senderRules.pattern));
  for (const r of rules) of(r.id).senders[r.kind].push(r.pattern);
  const replies = await db
    .select({ id: autoresponders.mailboxId, ...AUTORESPONDER_COLUMNS })
    .from(autoresponders)
    .where(inArray(autoresponders.mailboxId, ids));
  for (const { id, ...reply } of replies) of(id).autoresponder = reply;
  return out;
}
