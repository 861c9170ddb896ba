import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { openSqlite } from "./open";

export type BackupReport = { file: string; pages: number; userVersion: number; migrations: number; integrity: string };

/** Opens a copy read-only and checks it is whole; a backup that fails this is deleted, never kept. */
export function inspectCopy(file: string): BackupReport {
  const copy = new Database(file, { readonly: true });
  try {
    const integrity = String(copy.pragma("integrity_check", { simple: true }));
    const pages = Number(copy.pragma("page_count", { simple: true }));
    const userVersion = Number(copy.pragma("user_version", { simple: true }));
    const migrations = (copy.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }).n;
    return { file, pages, userVersion, migrations, integrity };
  } finally {
    copy.close();
  }
}

/**
 * Online backup through SQLite's backup API: a consistent snapshot while the panel and Dovecot keep
 * running (never `cp` a live WAL database). The copy is written 0600: it holds password hashes.
 */
export async function backupDatabase(source: string, target: string): Promise<BackupReport> {
  if (fs.existsSync(target)) throw new Error(`${target} exists; refusing to overwrite a backup`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const db = openSqlite(source);
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  fs.chmodSync(target, 0o600);
  const report = inspectCopy(target);
  if (report.integrity !== "ok") {
    fs.rmSync(target, { force: true });
    throw new Error(`Backup failed its integrity check: ${report.integrity}`);
  }
  return report;
}

/**
 * Restores a backup into place: checks the backup, copies it next to the target through the backup
 * API, then renames it over the target (with the target's -wal/-shm removed only after the panel
 * and Dovecot are stopped, which the caller must ensure).
 */
export async function restoreDatabase(backup: string, target: string): Promise<BackupReport> {
  const checked = inspectCopy(backup);
  if (checked.integrity !== "ok") throw new Error(`Backup ${backup} is damaged: ${checked.integrity}`);
  const staging = `${target}.restoring`;
  fs.rmSync(staging, { force: true });
  const src = new Database(backup, { readonly: true });
  try {
    await src.backup(staging);
  } finally {
    src.close();
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
  fs.renameSync(staging, target);
  openSqlite(target).close(); // back to WAL with the required pragmas, or fail loudly
  return inspectCopy(target);
}
