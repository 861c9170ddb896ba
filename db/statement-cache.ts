import type Database from "better-sqlite3";

type Statement = Database.Statement;

/**
 * The adapter for better-sqlite3's prepare (ARCHITECTURE.md, "Library seams"): it relies on drizzle
 * calling the connection's prepare for every query and on the statement modes (raw, pluck, expand)
 * better-sqlite3 keeps per statement. tests/unit/library-seams.test.ts checks both versions.
 */
export const VERIFIED_WITH = { "better-sqlite3": "12.11.1", "drizzle-orm": "0.45.4" };

/**
 * Keeps compiled statements for reuse. drizzle hands better-sqlite3 the SQL of every query anew, and
 * compiling it cost ~2.5 % of a list page's CPU in the benchmark's profiles; the same few dozen SQL
 * texts repeat on every request. A statement comes back in the state a fresh one has (drizzle turns
 * raw mode on for its selects, and a few callers pluck), and the least recently used are dropped
 * beyond `limit`, so SQL built from values instead of parameters cannot grow the cache without end.
 */
export function cacheStatements<D extends Database.Database>(sqlite: D, limit = 500): D {
  const compile = sqlite.prepare.bind(sqlite) as (sql: string) => Statement;
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    const cached = cache.get(sql);
    if (cached) {
      cache.delete(sql);
      cache.set(sql, cached);
      // A statement still being iterated cannot run again; such a caller gets its own.
      if (cached.busy) return compile(sql);
      if (cached.reader) cached.raw(false).pluck(false).expand(false);
      return cached;
    }
    const statement = compile(sql);
    cache.set(sql, statement);
    if (cache.size > limit) cache.delete(cache.keys().next().value as string);
    return statement;
  };
  return Object.assign(sqlite, { prepare });
}
