import "server-only";
import { and, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { firstRow } from "@/db/rows";
import { packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import type { Autoresponder } from "@/lib/services/autoresponder/autoresponder";
import type { ExportMailAccount } from "./export-accounts";
import { type ExportPart, readExportParts } from "./export-parts";

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
export type ExportAlias = { address: string; targets: string[] };
/** `catchAll`: the mailbox address or mail account login that takes mail to the domain's unknown addresses. */
export type ExportDomain = { name: string; mailboxes: ExportMailbox[]; aliases: ExportAlias[]; catchAll: string | null };
/** `mailAccounts`: only a package without panel has them (its addresses live there, not in mailboxes). */
export type ExportData = { subscriptionId: number; domains: ExportDomain[]; mailAccounts?: ExportMailAccount[] };

/**
 * An export allowed and on record, to be read part by part (lib/services/import/export-parts.ts), from
 * `db` or from a snapshot of it (lib/services/import/export-snapshot.ts, as the download does).
 */
export type ExportSource = { subscriptionId: number; db: Db; parts: (snapshot?: Db) => AsyncIterable<ExportPart> };

/**
 * A subscription's domains, mailboxes (settings, forwarding; hashes only when an admin asks for a
 * migration export), aliases, within the actor's tenant scope (foreign: 404). Audited before anything
 * is read, with or without hashes, so a hash export is always on record. The parts are read as the
 * caller writes them (the download streams them), not gathered first.
 */
export async function openExport(
  actor: Actor,
  subscriptionId: number,
  opts: { withHashes: boolean; format: "csv" | "json"; ip?: string | null },
  db: Db = getDb(),
): Promise<ExportSource> {
  assertCan(actor, "export.read");
  if (opts.withHashes) assertCan(actor, "export.hashes");
  const sub = await firstRow(
    db
      .select({
        id: subscriptions.id,
        resellerId: subscriptions.resellerId,
        customerId: subscriptions.customerId,
        panel: packages.panel,
        mailboxes: subscriptions.mailboxCount,
      })
      .from(subscriptions)
      .innerJoin(packages, eq(subscriptions.packageId, packages.id))
      .where(and(eq(subscriptions.id, subscriptionId), tenantScope(actor, subscriptions))),
  );
  if (!sub) throw new NotFoundError();
  await writeAudit(db, actor, {
    action: "export.download",
    targetKind: "subscription",
    targetId: sub.id,
    resellerId: sub.resellerId,
    customerId: sub.customerId,
    ip: opts.ip,
    details: { format: opts.format, hashes: opts.withHashes, mailboxes: sub.mailboxes },
  });
  return { subscriptionId: sub.id, db, parts: (snapshot = db) => readExportParts(snapshot, sub, opts.withHashes) };
}

/** The whole export gathered in memory (tests, and small subscriptions); the download streams openExport's parts instead. */
export async function exportSubscription(
  actor: Actor,
  subscriptionId: number,
  opts: { withHashes: boolean; format: "csv" | "json"; ip?: string | null },
  db: Db = getDb(),
): Promise<ExportData> {
  const source = await openExport(actor, subscriptionId, opts, db);
  const data: ExportData = { subscriptionId: source.subscriptionId, domains: [] };
  for await (const part of source.parts()) {
    const domain = data.domains.at(-1);
    if (part.kind === "domain") data.domains.push({ name: part.name, mailboxes: [], aliases: [], catchAll: part.catchAll });
    else if (part.kind === "mailboxes") domain?.mailboxes.push(...part.mailboxes);
    else if (part.kind === "aliases") domain?.aliases.push(...part.aliases);
    else data.mailAccounts = part.accounts;
  }
  return data;
}
