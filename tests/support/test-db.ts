import { drizzle } from "drizzle-orm/better-sqlite3";
import pg from "pg";
import { inject } from "vitest";
import type { Db } from "@/db";
import { applyMigrations } from "@/db/migrate";
import { openSqlite, type SqliteDatabase } from "@/db/open";
import { openPostgres } from "@/db/postgres";
import * as schema from "@/db/schema";
import { databaseKind } from "@/lib/config";

export type TestDatabase = { db: Db; sqlite: SqliteDatabase };

/**
 * A fresh database with the committed migrations applied, as the unit tests use: in memory on SQLite,
 * or (the unit-pg project, KONTOR_DATABASE_URL set by tests/support/pg-global-setup.ts) a new
 * PostgreSQL database cloned from the migrated template.
 */
export async function createTestDb(): Promise<TestDatabase> {
  if (databaseKind() === "postgresql") return { db: await clonePostgresTemplate(), sqlite: noRawSqlite };
  const sqlite = openSqlite(":memory:");
  applyMigrations(sqlite);
  return { sqlite, db: drizzle(sqlite, { schema }) };
}

/** Tests that reach into SQLite itself are not in the unit-pg project; if one is, it fails clearly. */
export const noRawSqlite = new Proxy({} as SqliteDatabase, {
  get() {
    throw new Error("This test uses raw SQLite; it cannot run in the PostgreSQL project (vitest.config.ts, unit-pg).");
  },
});

let admin: Promise<pg.Client> | undefined;
let cloned = 0;

async function clonePostgresTemplate(): Promise<Db> {
  const url = new URL(inject("pgUrl"));
  admin ??= (async () => {
    const client = new pg.Client({ connectionString: url.href });
    await client.connect();
    return client;
  })();
  const name = `t_${process.pid}_${++cloned}`;
  await (await admin).query(`CREATE DATABASE ${name} TEMPLATE ${inject("pgTemplate")}`);
  url.pathname = `/${name}`;
  return openPostgres(url.href, 4);
}
