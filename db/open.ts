import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";

export type SqliteDatabase = Database.Database;

/**
 * Every connection gets the same pragmas: WAL so Dovecot can read while the panel writes,
 * synchronous=FULL so an acknowledged password change survives power loss, foreign keys on,
 * and a busy timeout instead of SQLITE_BUSY errors under concurrent writers.
 */
export function openSqlite(file: string): SqliteDatabase {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  assertPragmas(sqlite, file);
  return sqlite;
}

/** Fails closed: a database that cannot run with the durability settings is not used at all. */
export function assertPragmas(sqlite: SqliteDatabase, file: string) {
  const mode = String(sqlite.pragma("journal_mode", { simple: true }));
  const expectedMode = file === ":memory:" ? "memory" : "wal";
  const fk = Number(sqlite.pragma("foreign_keys", { simple: true }));
  const sync = Number(sqlite.pragma("synchronous", { simple: true }));
  if (mode !== expectedMode || fk !== 1 || sync !== 2) {
    throw new Error(`Database ${file} refused the required pragmas (journal_mode=${mode}, foreign_keys=${fk}, synchronous=${sync}).`);
  }
}
