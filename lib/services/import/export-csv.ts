import type { ExportData, ExportMailbox } from "./export-data";
import { type ImportColumn, IMPORT_COLUMNS } from "./read-csv";

/** A spreadsheet must never run a cell as a formula (`=HYPERLINK(…)`): such cells get a leading `'`. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const yesNo = (flag: boolean) => (flag ? "yes" : "no");

/**
 * A mailbox's settings lines (lib/services/import/plan-settings.ts). The spam filter only where it
 * differs from a new mailbox's, so that 100,000 mailboxes stay within one importable file.
 */
function settingsLines(m: ExportMailbox): Partial<Record<ImportColumn, string>>[] {
  const out: Partial<Record<ImportColumn, string>>[] = [];
  const spam = m.spamFilter;
  if (spam && !(spam.enabled && spam.level === 3 && spam.action === "junk"))
    out.push({ type: "spam", address: m.address, enabled: yesNo(spam.enabled), spam_level: String(spam.level), spam_action: spam.action });
  if (m.senders.block.length) out.push({ type: "blocklist", address: m.address, targets: m.senders.block.join(" ") });
  if (m.senders.allow.length) out.push({ type: "allowlist", address: m.address, targets: m.senders.allow.join(" ") });
  const reply = m.autoresponder;
  if (reply)
    out.push({
      type: "autoresponder",
      address: m.address,
      enabled: yesNo(reply.enabled),
      subject: reply.subject,
      body: reply.body,
      starts_on: reply.startsOn ?? "",
      ends_on: reply.endsOn ?? "",
      interval_days: String(reply.intervalDays),
    });
  return out;
}

/** The export as the import's lines, in the order they may be applied (the CSV file, and a JSON export read back). */
export function exportLines(data: ExportData): Partial<Record<ImportColumn, string>>[] {
  const out: Partial<Record<ImportColumn, string>>[] = [];
  for (const d of data.domains) {
    out.push({ type: "domain", address: d.name });
    for (const m of d.mailboxes) {
      out.push({
        type: "mailbox",
        address: m.address,
        password: m.passwordHash ?? "",
        quota_mb: m.quotaMb === null ? "" : String(m.quotaMb),
        enabled: yesNo(m.enabled),
      });
    }
    for (const m of d.mailboxes) if (m.forwards.length) out.push({ type: "forward", address: m.address, targets: m.forwards.join(" ") });
    for (const a of d.aliases) out.push({ type: "alias", address: a.address, targets: a.targets.join(" ") });
    for (const m of d.mailboxes) out.push(...settingsLines(m));
  }
  // Accounts after every domain: their addresses may be on any of them.
  for (const a of data.mailAccounts ?? [])
    out.push({
      type: "mail_account",
      address: a.login,
      password: a.passwordHash ?? "",
      quota_mb: a.quotaMb === null ? "" : String(a.quotaMb),
      enabled: yesNo(a.enabled),
    });
  for (const a of data.mailAccounts ?? [])
    for (const address of a.addresses) out.push({ type: "account_address", address, targets: a.login });
  return out;
}

/** The export in the import's own CSV format, so a re-import gives the same data. */
export function exportCsv(data: ExportData): string {
  const lines = [IMPORT_COLUMNS.join(","), ...exportLines(data).map((cells) => IMPORT_COLUMNS.map((c) => cell(cells[c] ?? "")).join(","))];
  return lines.join("\r\n") + "\r\n";
}
