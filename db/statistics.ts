import type { SqliteDatabase } from "./open";

/**
 * SQLite chooses its query plans from the statistics ANALYZE keeps (sqlite_stat1); a database that
 * never had them is planned from guesses, which once made the Plesk list read a whole customer's
 * mailboxes (README, issue 22.3). `PRAGMA optimize` keeps them current the way SQLite recommends: it
 * analyzes only tables without statistics or whose size changed many times over since, with a row
 * limit that keeps it short even on 1,000,000 mailboxes (~1.2 s for a first analysis of the
 * benchmark's set, nothing when they are current).
 */
export function refreshStatistics(sqlite: SqliteDatabase, scope: "all tables" | "tables used") {
  // 0x10002: analyze, and check every table instead of only those this connection's queries used; for
  // a database just migrated or copied, whose connection has run no queries yet.
  sqlite.pragma(scope === "all tables" ? "optimize=0x10002" : "optimize");
}

/** How often a long-running server checks again: SQLite suggests every few hours at most. */
export const STATISTICS_INTERVAL_MS = 60 * 60 * 1000;

/** The server's connection lives for days: its statistics follow the data without a restart. */
export function keepStatisticsFresh(sqlite: SqliteDatabase, everyMs = STATISTICS_INTERVAL_MS) {
  const timer = setInterval(() => {
    try {
      refreshStatistics(sqlite, "tables used");
    } catch (error) {
      // Busy beyond the timeout or closed: plans stay as they were until the next check.
      console.warn(`SQLite statistics not refreshed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, everyMs);
  timer.unref();
  return timer;
}
