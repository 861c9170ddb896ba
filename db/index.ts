import "server-only";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { databasePath } from "@/lib/config";
import { openSqlite } from "./open";
import { cacheStatements } from "./statement-cache";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema>;

const globalForDb = globalThis as unknown as { kontorDb?: Db };

/** Opened lazily so `next build` never needs the data folder; shared across module copies. */
export function getDb(): Db {
  if (!globalForDb.kontorDb) {
    globalForDb.kontorDb = drizzle(cacheStatements(openSqlite(databasePath())), { schema });
  }
  return globalForDb.kontorDb;
}

export { schema };
