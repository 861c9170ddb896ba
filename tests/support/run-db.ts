import { drizzle } from "drizzle-orm/better-sqlite3";
import type { SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { openSqlite } from "@/db/open";
import { openPostgres } from "@/db/postgres";
import { rawRows } from "@/db/raw";
import * as schema from "@/db/schema";
import { config, databaseKind } from "@/lib/config";

export type RunDb = { db: Db; close: () => Promise<void> };

/**
 * The shared database of this test run, the one the runner's panel, Dovecot and Postfix use
 * (scripts/test-all.sh): PostgreSQL in its PostgreSQL pass (KONTOR_DATABASE_URL), else the SQLite file
 * KONTOR_DB. db/schema follows the same setting, so the tables match the connection. Close it when done:
 * an open SQLite handle or pool keeps the test process (and on PostgreSQL a server slot) busy.
 */
export function openRunDb(): RunDb {
  if (databaseKind() === "postgresql") {
    const db = openPostgres(config().database.url, 2);
    return { db, close: () => (db as unknown as { $client: { end(): Promise<void> } }).$client.end() };
  }
  const file = process.env.KONTOR_DB;
  if (!file) throw new Error("KONTOR_DB is not set; run through scripts/test-all.sh");
  const sqlite = openSqlite(file);
  return {
    db: drizzle(sqlite, { schema }),
    close: () => {
      sqlite.close();
      return Promise.resolve();
    },
  };
}

/** Opens the run's database for one piece of work and closes it again, also when the work fails. */
export async function withRunDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const handle = openRunDb();
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

/** Rows of a hand-written SELECT on the run's database (placeholders through drizzle's `sql`). */
export function runRows<T>(query: SQL): Promise<T[]> {
  return withRunDb((db) => rawRows<T>(db, query));
}
