import type { SPAM_ACTIONS } from "@/db/schema/mail-settings";
import { AUTORESPONDER_INTERVALS } from "@/db/schema/autoresponders";
import type { Autoresponder } from "@/lib/services/autoresponder/autoresponder";
import { MAX_SENDER_RULES } from "@/lib/services/mailbox-settings/sender-rules";
import { ownAutoresponderSchema } from "@/lib/validation/autoresponder";
import { canonicalSenderPattern, spamSettingsSchema } from "@/lib/validation/mailbox-settings";
import type { CsvRow } from "./read-csv";

/**
 * The lines that carry a mailbox's settings, as the export writes them: `spam` (enabled, spam_level,
 * spam_action), `blocklist` / `allowlist` (targets: the sender addresses or `@domains`, the whole list)
 * and `autoresponder` (enabled, subject, body, starts_on, ends_on, interval_days). Each replaces that
 * setting of a mailbox of the same subscription, and is checked with the settings pages' own schemas.
 */
export const SETTING_TYPES = ["spam", "blocklist", "allowlist", "autoresponder"] as const;
export type SettingType = (typeof SETTING_TYPES)[number];

export type PlannedSpam = {
  line: number;
  kind: "spam";
  op: "change";
  address: string;
  enabled: boolean;
  level: number;
  action: (typeof SPAM_ACTIONS)[number];
};
export type PlannedSenders = { line: number; kind: "blocklist" | "allowlist"; op: "change"; address: string; targets: string[] };
/** `account`: a mail account's reply (lib/services/import/plan-accounts.ts), `address` then its login. */
export type PlannedAutoresponder = { line: number; kind: "autoresponder"; op: "change"; address: string; account?: number } & Autoresponder;
export type PlannedSetting = PlannedSpam | PlannedSenders | PlannedAutoresponder;

/** A line's problem: an `import.problems` key, and as `reason` the settings page's own message key. */
export type SettingProblem = { code: string; params?: Record<string, string | number> };

const on = (flag: boolean | undefined) => (flag === false ? undefined : "on");

/** First message key of a failed zod parse (the schemas' messages are i18n keys). */
function reasonOf(result: { success: false; error: { issues: { message: string }[] } }) {
  return result.error.issues[0]?.message ?? "validation.invalid";
}

/**
 * One settings line of a mailbox: the planned change or why not. `enabled` is the line's flag
 * already read (undefined when empty: on). `otherList` is the other list's entries of the same
 * mailbox in the file, since one sender sits on at most one list.
 */
export function planSetting(
  type: SettingType,
  { line, cells }: CsvRow,
  address: string,
  enabled: boolean | undefined,
  otherList: ReadonlySet<string>,
): PlannedSetting | SettingProblem {
  if (type === "spam") {
    const r = spamSettingsSchema.safeParse({ enabled: on(enabled), level: cells.spam_level || "3", action: cells.spam_action || "junk" });
    if (!r.success) return { code: "spamInvalid", params: { reason: reasonOf(r) } };
    return { line, kind: "spam", op: "change", address, ...r.data };
  }
  if (type === "autoresponder") {
    const r = ownAutoresponderSchema.safeParse({
      enabled: on(enabled),
      subject: cells.subject,
      body: cells.body,
      startsOn: cells.starts_on,
      endsOn: cells.ends_on,
      intervalDays: cells.interval_days || String(AUTORESPONDER_INTERVALS.default),
    });
    if (!r.success) return { code: "autoresponderInvalid", params: { reason: reasonOf(r) } };
    return { line, kind: "autoresponder", op: "change", address, ...r.data };
  }
  const patterns = new Set<string>();
  for (const entry of cells.targets.split(/[\s,]+/).filter(Boolean)) {
    const pattern = canonicalSenderPattern(entry);
    if (!pattern) return { code: "senderInvalid", params: { value: entry.slice(0, 80) } };
    if (otherList.has(pattern)) return { code: "senderOnBothLists", params: { value: pattern } };
    patterns.add(pattern);
  }
  if (patterns.size + otherList.size > MAX_SENDER_RULES) return { code: "senderLimit", params: { max: MAX_SENDER_RULES } };
  return { line, kind: type, op: "change", address, targets: [...patterns] };
}
