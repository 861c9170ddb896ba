import type { SqliteDatabase } from "@/db/open";

/** The views Dovecot and Postfix read (db/migrations and db/migrations-pg create the same ones). */
export const MAIL_VIEWS = [
  "dovecot_passdb",
  "dovecot_userdb",
  "postfix_catchall",
  "postfix_disabled",
  "postfix_domains",
  "postfix_recipients",
  "postfix_virtual",
];

/**
 * Every row of a view ordered by all its columns, in SQL both SQLite and PostgreSQL read alike
 * (NULLs first: PostgreSQL's default puts them last). The column names come from SQLite's view.
 */
export function orderedViewQuery(sqlite: SqliteDatabase, view: string): string {
  const columns = (sqlite.prepare(`PRAGMA table_info(${view})`).all() as { name: string }[]).map((c) => `"${c.name}" NULLS FIRST`);
  return `SELECT * FROM ${view} ORDER BY ${columns.join(", ")}`;
}
