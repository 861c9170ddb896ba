import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

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
