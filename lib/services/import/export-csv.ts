import type { Autoresponder } from "@/lib/services/autoresponder/autoresponder";
import type { ExportData, ExportMailbox } from "./export-data";
import type { ExportPart } from "./export-parts";
import { KEEP_PASSWORD } from "./plan-fields";
import { type ImportColumn, IMPORT_COLUMNS } from "./read-csv";

export type Line = Partial<Record<ImportColumn, string>>;

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
function settingsLines(m: ExportMailbox): Line[] {
  const out: Line[] = [];
  const spam = m.spamFilter;
  if (spam && !(spam.enabled && spam.level === 3 && spam.action === "junk"))
    out.push({ type: "spam", address: m.address, enabled: yesNo(spam.enabled), spam_level: String(spam.level), spam_action: spam.action });
  if (m.senders.block.length) out.push({ type: "blocklist", address: m.address, targets: m.senders.block.join(" ") });
  if (m.senders.allow.length) out.push({ type: "allowlist", address: m.address, targets: m.senders.allow.join(" ") });
  if (m.autoresponder) out.push(replyLine(m.address, m.autoresponder));
  return out;
}

/** An autoresponder line: a mailbox's (by its address) or a mail account's (by its login), the same columns. */
function replyLine(address: string, reply: Autoresponder): Line {
  return {
    type: "autoresponder",
    address,
    enabled: yesNo(reply.enabled),
    subject: reply.subject,
    body: reply.body,
    starts_on: reply.startsOn ?? "",
    ends_on: reply.endsOn ?? "",
    interval_days: String(reply.intervalDays),
  };
}

/**
 * The import's lines of one part of the export, in an order they may be applied: a page's mailboxes
 * before their forwards and settings. Catch-alls are kept in `later` and written last, when their
 * mailbox or mail account is declared.
 */
export function partLines(part: ExportPart, later: Line[]): Line[] {
  if (part.kind === "domain") {
    if (part.catchAll) later.push({ type: "catch_all", address: part.name, targets: part.catchAll });
    return [{ type: "domain", address: part.name }];
  }
  if (part.kind === "aliases") return part.aliases.map((a) => ({ type: "alias", address: a.address, targets: a.targets.join(" ") }));
  if (part.kind === "mailboxes") {
    const boxes = part.mailboxes;
    return [
      ...boxes.map((m) => ({
        type: "mailbox",
        address: m.address,
        password: m.passwordHash ?? KEEP_PASSWORD,
        quota_mb: m.quotaMb === null ? "" : String(m.quotaMb),
        enabled: yesNo(m.enabled),
      })),
      ...boxes.flatMap((m) => (m.forwards.length ? [{ type: "forward", address: m.address, targets: m.forwards.join(" ") }] : [])),
      ...boxes.flatMap(settingsLines),
    ];
  }
  // Accounts after every domain: their addresses may be on any of them.
  const accounts = part.accounts;
  return [
    ...accounts.map((a) => ({
      type: "mail_account",
      address: a.login,
      password: a.passwordHash ?? KEEP_PASSWORD,
      quota_mb: a.quotaMb === null ? "" : String(a.quotaMb),
      enabled: yesNo(a.enabled),
    })),
    ...accounts.flatMap((a) => a.addresses.map((address) => ({ type: "account_address", address, targets: a.login }))),
    ...accounts.flatMap((a) => (a.autoresponder ? [replyLine(a.login, a.autoresponder)] : [])),
  ];
}

/** Gathered export data as the parts the database reader gives (a JSON export read back, tests). */
export function* partsOf(data: ExportData): Generator<ExportPart> {
  for (const d of data.domains) {
    yield { kind: "domain", name: d.name, catchAll: d.catchAll };
    yield { kind: "mailboxes", mailboxes: d.mailboxes };
    yield { kind: "aliases", aliases: d.aliases };
  }
  if (data.mailAccounts) yield { kind: "accounts", accounts: data.mailAccounts };
}

/** The export as the import's lines (a JSON export read back). */
export function exportLines(data: ExportData): Line[] {
  const later: Line[] = [];
  return [...[...partsOf(data)].flatMap((p) => partLines(p, later)), ...later];
}

const csvLine = (cells: Line) => IMPORT_COLUMNS.map((c) => cell(cells[c] ?? "")).join(",") + "\r\n";

/** The export in the import's own CSV format, so a re-import gives the same data; text as each part comes. */
export async function* exportCsvChunks(parts: AsyncIterable<ExportPart> | Iterable<ExportPart>): AsyncGenerator<string> {
  yield IMPORT_COLUMNS.join(",") + "\r\n";
  const later: Line[] = [];
  for await (const part of parts) yield partLines(part, later).map(csvLine).join("");
  yield later.map(csvLine).join("");
}

/** The whole CSV as one string (gathered data: tests, small exports). */
export function exportCsv(data: ExportData): string {
  return IMPORT_COLUMNS.join(",") + "\r\n" + exportLines(data).map(csvLine).join("");
}
