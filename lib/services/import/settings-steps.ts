import "server-only";
import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { firstRow } from "@/db/rows";
import { senderRules, spamSettings } from "@/db/schema";
import { MAX_SENDER_RULES } from "@/lib/services/mailbox-settings/sender-rules";
import type { ImportTarget } from "./plan-import";
import type { PlannedSenders, PlannedSpam } from "./plan-settings";

type Tenant = Pick<ImportTarget, "resellerId" | "customerId">;
type SpamRow = Pick<PlannedSpam, "enabled" | "level" | "action">;

/** What undoing a settings line needs: the values it replaced. */
export type SettingUndo =
  | { kind: "spam"; mailboxId: number; before: SpamRow | null }
  | { kind: "senders"; mailboxId: number; list: "block" | "allow"; before: string[] };

/** Why a settings line cannot be written any more (checked again inside the batch). */
export type SettingConflict = { code: string; params?: Record<string, string | number> };

const listOf = (kind: PlannedSenders["kind"]) => (kind === "blocklist" ? "block" : "allow");

async function writeSpam(tx: Db, tenant: Tenant, mailboxId: number, row: SpamRow) {
  await tx
    .insert(spamSettings)
    .values({ mailboxId, ...tenant, ...row })
    .onConflictDoUpdate({ target: spamSettings.mailboxId, set: row });
}

async function writeList(tx: Db, tenant: Tenant, mailboxId: number, list: "block" | "allow", patterns: string[]) {
  await tx.delete(senderRules).where(and(eq(senderRules.mailboxId, mailboxId), eq(senderRules.kind, list)));
  if (patterns.length) await tx.insert(senderRules).values(patterns.map((pattern) => ({ ...tenant, mailboxId, kind: list, pattern })));
}

/** The spam filter line of a mailbox: its values replace the stored ones. */
export async function applySpam(tx: Db, tenant: Tenant, mailboxId: number, a: PlannedSpam): Promise<SettingUndo> {
  const before = await firstRow(
    tx
      .select({ enabled: spamSettings.enabled, level: spamSettings.level, action: spamSettings.action })
      .from(spamSettings)
      .where(eq(spamSettings.mailboxId, mailboxId)),
  );
  await writeSpam(tx, tenant, mailboxId, { enabled: a.enabled, level: a.level, action: a.action });
  return { kind: "spam", mailboxId, before: before ?? null };
}

/**
 * A black- or whitelist line: the whole list is replaced. An entry that stands on the mailbox's other
 * list (set in the panel meanwhile, or before an import of only one list) refuses the line.
 */
export async function applySenders(tx: Db, tenant: Tenant, mailboxId: number, a: PlannedSenders): Promise<SettingUndo | SettingConflict> {
  const list = listOf(a.kind);
  const rows = await tx
    .select({ kind: senderRules.kind, pattern: senderRules.pattern })
    .from(senderRules)
    .where(eq(senderRules.mailboxId, mailboxId));
  const onOther = rows.find((r) => r.kind !== list && a.targets.includes(r.pattern));
  if (onOther) return { code: "senderOnBothLists", params: { value: onOther.pattern } };
  await writeList(tx, tenant, mailboxId, list, a.targets);
  const total = await firstRow(tx.select({ n: count() }).from(senderRules).where(eq(senderRules.mailboxId, mailboxId)));
  if ((total?.n ?? 0) > MAX_SENDER_RULES) return { code: "senderLimit", params: { max: MAX_SENDER_RULES } };
  return { kind: "senders", mailboxId, list, before: rows.filter((r) => r.kind === list).map((r) => r.pattern) };
}

/** Takes a settings line back (inside the undo batch's transaction). */
export async function undoSetting(tx: Db, tenant: Tenant, undo: SettingUndo) {
  if (undo.kind === "spam") {
    if (undo.before) await writeSpam(tx, tenant, undo.mailboxId, undo.before);
    else await tx.delete(spamSettings).where(eq(spamSettings.mailboxId, undo.mailboxId));
    return;
  }
  await writeList(tx, tenant, undo.mailboxId, undo.list, undo.before);
}
