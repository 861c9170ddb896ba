import { createHash } from "node:crypto";
import type Database from "better-sqlite3";

/** One hash per table over every row (all columns), independent of row order. */
export type DbSnapshot = Record<string, string>;

export function snapshotDb(sqlite: Database.Database): DbSnapshot {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: DbSnapshot = {};
  for (const table of tables) {
    const rows = sqlite.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][];
    // Buffers (BLOBs) serialize to their bytes; bigint cannot occur (no safeIntegers mode).
    const lines = rows.map((r) => JSON.stringify(r)).sort();
    out[table] = `${rows.length}:${createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16)}`;
  }
  return out;
}

/** Tables whose rows differ between two snapshots, e.g. `["mailboxes", "audit_log"]`. */
export function changedTables(before: DbSnapshot, after: DbSnapshot): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}
