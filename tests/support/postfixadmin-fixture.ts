import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureDatabase } from "@/scripts/lib/postgres-process";

export const POSTFIXADMIN_FIXTURES = path.join(import.meta.dirname, "../fixtures/postfixadmin");

/**
 * A PostfixAdmin SQLite database made from PostfixAdmin's own schema (schema-sqlite.sql, written by
 * its upgrade.php) with the fixture's rows (data.sql); returns the file's path.
 */
export function postfixAdminSqlite(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pfa-")), "postfixadmin.db");
  const db = new Database(file);
  db.exec(fs.readFileSync(path.join(POSTFIXADMIN_FIXTURES, "schema-sqlite.sql"), "utf8"));
  db.exec(fs.readFileSync(path.join(POSTFIXADMIN_FIXTURES, "data.sql"), "utf8"));
  db.close();
  return file;
}

/**
 * The same installation in a PostgreSQL database of PostfixAdmin's own pgsql schema (schema-pgsql.sql,
 * written by its upgrade.php; rows: data-pgsql.sql), on a PostgreSQL of the test's own; returns its URL.
 * Each file gets a session of its own: pg_dump's output empties the search_path of the session.
 */
export async function postfixAdminPostgres(own: { baseDir: string }): Promise<string> {
  const url = ensureDatabase(path.join(own.baseDir, "pg"), "postfix");
  for (const file of ["schema-pgsql.sql", "data-pgsql.sql"]) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(fs.readFileSync(path.join(POSTFIXADMIN_FIXTURES, file), "utf8"));
    } finally {
      await client.end();
    }
  }
  return url;
}
