import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { ValidationError } from "@/lib/errors";
import { isPgDump, readPgDump } from "./postfixadmin-pgdump";
import { sqlTuples } from "./sql-tuples";
import { type CsvRow, emptyCells, type ImportColumn } from "./read-csv";
import type { ImportedVacation } from "./run-import";

/**
 * PostfixAdmin's documented tables, as its public/upgrade.php creates them (tests/fixtures/postfixadmin
 * holds the schema it made): `domain`, `mailbox` (password is the hash PostfixAdmin wrote, quota in
 * bytes, 0 = unlimited), `alias` (goto: comma-separated targets; every mailbox has an alias of itself,
 * and vacation adds `local#domain@autoreply-domain`), `vacation` (subject, body per address).
 */
type Row = Record<string, unknown>;
export type PostfixAdminData = { domain: Row[]; mailbox: Row[]; alias: Row[]; vacation: Row[] };

const TABLES = ["domain", "mailbox", "alias", "vacation"] as const;

/**
 * Reads a PostfixAdmin SQLite database (opened read-only), a MySQL/MariaDB dump (mysqldump's text),
 * pg_dump's plain SQL, or pg_dump's custom format (`pg_dump -Fc`, through pg_restore).
 */
export function readPostfixAdmin(file: string): PostfixAdminData {
  const head = fs.readFileSync(file).subarray(0, 16).toString("latin1");
  if (head.startsWith("SQLite format 3")) return readSqlite(file);
  // pg_dump's custom format starts with "PGDMP"; pg_restore turns it into the plain SQL read below.
  if (head.startsWith("PGDMP")) return readPgDump(restoredSql(file));
  const text = fs.readFileSync(file, "utf8");
  return isPgDump(text) ? readPgDump(text) : readMysqlDump(text);
}

/** A PostfixAdmin source that could not be read: an i18n key, and what the tool said (pg_restore's words). */
export class PostfixAdminReadError extends ValidationError {
  constructor(
    code: string,
    readonly detail = "",
  ) {
    super(`import.problems.${code}`);
  }
}

/**
 * A custom-format dump as plain SQL, by PostgreSQL's own pg_restore (Debian's postgresql-client, which
 * the postgresql package brings): its format is PostgreSQL's to define, so Kontor does not parse it.
 * `--file -` writes the SQL instead of restoring into a database, so no server is needed.
 */
function restoredSql(file: string): string {
  const run = spawnSync("pg_restore", ["--file", "-", file], { encoding: "utf8", maxBuffer: 1024 * 1024 * 1024 });
  const failure: (Error & { code?: string }) | undefined = run.error;
  if (failure?.code === "ENOENT") throw new PostfixAdminReadError("pgRestoreMissing");
  if (run.error || run.status !== 0) {
    const said = (run.stderr || run.error?.message || "").trim().split("\n")[0] ?? "";
    throw new PostfixAdminReadError("pgRestoreFailed", said.slice(0, 300));
  }
  return run.stdout;
}

function readSqlite(file: string): PostfixAdminData {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const has = (t: string) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t);
    const all = (t: string) => (has(t) ? (db.prepare(`SELECT * FROM "${t}"`).all() as Row[]) : []);
    return { domain: all("domain"), mailbox: all("mailbox"), alias: all("alias"), vacation: all("vacation") };
  } finally {
    db.close();
  }
}

/**
 * mysqldump output: the column order comes from each `CREATE TABLE`, the rows from `INSERT INTO`
 * statements (with or without a column list, one or many tuples). Strings use MySQL's backslash
 * escapes and doubled quotes; numbers come as their text. Only the four tables are read.
 */
export function readMysqlDump(text: string): PostfixAdminData {
  const data: PostfixAdminData = { domain: [], mailbox: [], alias: [], vacation: [] };
  const columns = new Map<string, string[]>();
  for (const m of text.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?`?(\w+)`?\s*\(([\s\S]*?)\)\s*(?:ENGINE|DEFAULT|COMMENT|;)/gi)) {
    const names = m[2]
      .split("\n")
      .map((l) => /^\s*`(\w+)`\s/.exec(l)?.[1])
      .filter((n): n is string => !!n);
    columns.set(m[1].toLowerCase(), names);
  }
  const insert = /INSERT INTO `?(\w+)`?\s*(?:\(([^)]*)\))?\s*VALUES\s*/gi;
  let m: RegExpExecArray | null;
  while ((m = insert.exec(text)) !== null) {
    const table = m[1].toLowerCase();
    const cols = m[2] ? m[2].split(",").map((c) => c.trim().replace(/`/g, "")) : (columns.get(table) ?? []);
    const { tuples, end } = sqlTuples(text, insert.lastIndex, true);
    insert.lastIndex = end;
    if (!(TABLES as readonly string[]).includes(table)) continue;
    for (const values of tuples) data[table as (typeof TABLES)[number]].push(Object.fromEntries(cols.map((c, i) => [c, values[i]])));
  }
  return data;
}

const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const active = (v: unknown) => str(v) !== "0";
const day = (v: unknown, none: string) => {
  const d = str(v).slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && d !== none ? d : null;
};

export type PostfixAdminRows = {
  rows: CsvRow[];
  /** What each synthetic line number stands for, for the report ("mailbox info@example.com"). */
  labels: Map<number, string>;
  vacations: ImportedVacation[];
  skipped: { reason: string; name: string }[];
};

/**
 * PostfixAdmin's data as import lines for the same planner the CSV import uses: its domains,
 * mailboxes with their hashes as stored (PostfixAdmin writes e.g. `{SHA512-CRYPT}$6$…`, `$1$…` or
 * `{BLF-CRYPT}$2y$…`), aliases, and a mailbox's own alias with more targets as its forwarding.
 * Backup-MX domains and vacation's autoreply targets are left out; vacation texts come back apart.
 */
export function postfixAdminRows(data: PostfixAdminData): PostfixAdminRows {
  const rows: CsvRow[] = [];
  const labels = new Map<number, string>();
  const skipped: PostfixAdminRows["skipped"] = [];
  const add = (cells: Partial<Record<ImportColumn, string>>) => {
    const line = rows.length + 1;
    rows.push({
      line,
      cells: { ...emptyCells(), ...cells },
    });
    labels.set(line, `${cells.type ?? ""} ${cells.address ?? ""}`);
  };
  const domains = new Set<string>();
  for (const d of data.domain) {
    const name = str(d.domain).toLowerCase();
    if (!name || name === "all") continue; // "ALL" is PostfixAdmin's placeholder for superadmins
    if (str(d.backupmx) === "1") {
      skipped.push({ reason: "backupMx", name });
      continue;
    }
    domains.add(name);
    add({ type: "domain", address: name });
  }
  const mailboxes = new Set<string>();
  for (const m of data.mailbox) {
    const address = str(m.username).toLowerCase();
    mailboxes.add(address);
    const bytes = Number(m.quota) || 0;
    add({
      type: "mailbox",
      address,
      password: str(m.password),
      quota_mb: bytes > 0 ? String(Math.max(1, Math.round(bytes / 1048576))) : "",
      enabled: active(m.active) ? "yes" : "no",
    });
  }
  for (const a of data.alias) {
    const address = str(a.address).toLowerCase();
    if (!active(a.active) || address.startsWith("@")) {
      skipped.push({ reason: address.startsWith("@") ? "catchAll" : "inactive", name: address });
      continue;
    }
    const targets = str(a.goto)
      .split(",")
      .map((t) => t.trim().toLowerCase())
      .filter((t) => t && !/#.*@autoreply\./.test(t) && !t.includes("@autoreply."));
    const others = targets.filter((t) => t !== address);
    if (mailboxes.has(address)) {
      if (others.length) add({ type: "forward", address, targets: others.join(" ") });
      continue;
    }
    if (!others.length) continue;
    add({ type: "alias", address, targets: others.join(" ") });
  }
  const vacations = data.vacation.map((v) => ({
    email: str(v.email).toLowerCase(),
    subject: str(v.subject),
    body: str(v.body),
    active: active(v.active),
    // PostfixAdmin's defaults (2000-01-01 … 2038-01-18) mean "no limit".
    startsOn: day(v.activefrom, "2000-01-01"),
    endsOn: day(v.activeuntil, "2038-01-18"),
    intervalDays: Math.min(30, Math.max(1, Math.round((Number(v.interval_time) || 7 * 86400) / 86400))),
  }));
  return { rows, labels, vacations, skipped };
}
