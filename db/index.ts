import "server-only";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { databasePath, databaseKind } from "@/lib/config";
import { openSqlite } from "./open";
import { openPostgres } from "./postgres";
import { cacheStatements } from "./statement-cache";
import { keepStatisticsFresh } from "./statistics";
import * as schema from "./schema";

/**
 * The database handle every service takes. Typed as drizzle's SQLite database; on PostgreSQL it is
 * drizzle's node-postgres database over the same table names (db/schema/index.ts). Services only use
 * what both share: awaited queries, `.returning()`, db/transaction.ts, db/rows.ts, db/dialect.ts.
 */
export type Db = BetterSQLite3Database<typeof schema>;

const globalForDb = globalThis as unknown as { kontorDb?: Db };

/** Opened lazily so `next build` never needs the data folder; shared across module copies. */
export function getDb(): Db {
  if (!globalForDb.kontorDb) {
    globalForDb.kontorDb = databaseKind() === "postgresql" ? openPostgres() : openServerSqlite();
  }
  return globalForDb.kontorDb;
}

function openServerSqlite(): Db {
  const sqlite = openSqlite(databasePath());
  keepStatisticsFresh(sqlite);
  return drizzle(cacheStatements(sqlite), { schema });
}

export { schema };
