import { machineTime } from "@/lib/i18n/format-time";
import type { PostfixAdminData } from "./postfixadmin";
import { sqlTuples } from "./sql-tuples";

const TABLES = ["domain", "mailbox", "alias", "vacation"] as const;
type Table = (typeof TABLES)[number];
type Row = Record<string, unknown>;

/**
 * A value as the SQLite file and the MySQL dump give it: PostfixAdmin's pgsql schema has boolean
 * `active`/`backupmx` (1/0 elsewhere) and timestamps with time zone (`activefrom`, text elsewhere).
 * The live database's reader (./postfixadmin-pg.ts) and the dump reader below both go through here.
 */
export function plainValue(v: unknown): unknown {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Date) return machineTime(v).replace("T", " ").slice(0, 19);
  return v;
}

/** Whether a text file is pg_dump's plain SQL (its header comment, or its COPY blocks). */
export function isPgDump(text: string): boolean {
  const head = text.slice(0, 4096);
  return /^-- PostgreSQL database dump/m.test(head) || /^COPY [\w."]+ \([^)]*\) FROM stdin;$/m.test(text);
}

/** `public.domain`, `"domain"` → `domain`. */
const tableName = (raw: string) => raw.replace(/"/g, "").split(".").pop()?.toLowerCase() ?? "";
const isTable = (name: string): name is Table => (TABLES as readonly string[]).includes(name);

/**
 * The column types of each `CREATE TABLE` (pg_dump writes one column a line: `    active boolean DEFAULT true NOT NULL,`),
 * so that COPY's text (`t`, `2000-01-01 00:00:00+00`) reads as the live database's values would.
 */
function columnTypes(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const m of text.matchAll(/^CREATE TABLE ([\w."]+) \(\n([\s\S]*?)\n\);$/gm)) {
    const cols = new Map<string, string>();
    for (const line of m[2].split("\n")) {
      const c = /^\s+"?(\w+)"? (.+?)(?: DEFAULT | NOT NULL|,?$)/.exec(line);
      if (c && !/^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)$/i.test(c[1])) cols.set(c[1].toLowerCase(), c[2].toLowerCase());
    }
    out.set(tableName(m[1]), cols);
  }
  return out;
}

/** A text value typed by its column, then made plain (booleans 1/0, timestamps as the live reader gives them). */
function typed(value: string | null, type: string | undefined): unknown {
  if (value === null || !type) return value;
  if (type === "boolean") return plainValue(value === "t" || value === "true");
  if (/^(smallint|integer|bigint)$/.test(type)) return Number(value);
  if (type.startsWith("timestamp")) {
    // `2026-07-01 02:00:00+02` (an offset of whole hours has no minutes); without a zone, UTC.
    const iso = value.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00");
    const at = new Date(/(Z|[+-]\d{2}:\d{2})$/.test(iso) ? iso : `${iso}Z`);
    return Number.isNaN(at.getTime()) ? value : plainValue(at);
  }
  return value;
}

const COPY_ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };

/** One field of COPY's text format: `\N` is NULL; backslash escapes as PostgreSQL writes them. */
function copyField(raw: string): string | null {
  if (raw === "\\N") return null;
  return raw.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === "x") return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return COPY_ESCAPES[e] ?? e;
  });
}

/**
 * pg_dump's plain SQL (`pg_dump postfix > pfa.sql`), read without a PostgreSQL: the four tables' rows
 * from COPY blocks (pg_dump's default) or INSERT statements (--inserts, --column-inserts), their values
 * as the live database's reader gives them. Everything else in the dump is skipped.
 */
export function readPgDump(text: string): PostfixAdminData {
  const data: PostfixAdminData = { domain: [], mailbox: [], alias: [], vacation: [] };
  const types = columnTypes(text);
  const push = (table: string, cols: string[], values: (string | null)[]) => {
    if (!isTable(table)) return;
    const of = types.get(table);
    const row: Row = {};
    cols.forEach((c, i) => (row[c] = typed(values[i] ?? null, of?.get(c))));
    data[table].push(row);
  };
  const names = (list: string) => list.split(",").map((c) => c.trim().replace(/"/g, "").toLowerCase());
  for (const m of text.matchAll(/^COPY ([\w."]+) \(([^)]*)\) FROM stdin;\n([\s\S]*?)^\\\.$/gm)) {
    const table = tableName(m[1]);
    const cols = names(m[2]);
    for (const line of m[3].split("\n")) if (line) push(table, cols, line.split("\t").map(copyField));
  }
  const insert = /^INSERT INTO ([\w."]+)\s*(?:\(([^)]*)\))?\s*VALUES\s*/gm;
  let m: RegExpExecArray | null;
  while ((m = insert.exec(text)) !== null) {
    const table = tableName(m[1]);
    const cols = m[2] ? names(m[2]) : [...(types.get(table)?.keys() ?? [])];
    const { tuples, end } = sqlTuples(text, insert.lastIndex, false);
    insert.lastIndex = end;
    for (const values of tuples) push(table, cols, values);
  }
  return data;
}
