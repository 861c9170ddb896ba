import "server-only";
import Database from "better-sqlite3";
import { is } from "drizzle-orm";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { PgDatabase } from "drizzle-orm/pg-core";
import type pg from "pg";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import * as postgresSchema from "@/db/schema-pg";
import { transaction } from "@/db/transaction";

/**
 * Runs `read` on one consistent snapshot of the database while other requests go on writing, so a long
 * export shows the package as it was at one moment:
 * - PostgreSQL: a pool connection of its own in a REPEATABLE READ READ ONLY transaction;
 * - SQLite file: a read-only connection of its own, whose transaction takes its snapshot at the first
 *   read (WAL keeps that snapshot while the shared connection writes);
 * - SQLite in memory (tests): a transaction on the one connection, which `read` must not leave to the
 *   event loop (db/transaction.ts). `mayYield` tells `read` whether it may let other requests run.
 */
export async function readSnapshot<T>(db: Db, read: (snapshot: Db, mayYield: boolean) => Promise<T>): Promise<T> {
  const handle: unknown = db;
  if (is(handle, PgDatabase)) {
    const client = await (db as unknown as { $client: pg.Pool }).$client.connect();
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      await client.query("SELECT 1"); // the snapshot is taken at the first statement: now, not at the first page

      const result = await read(drizzlePostgres(client, { schema: postgresSchema }) as unknown as Db, true);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  const shared = (db as unknown as { $client: Database.Database }).$client;
  if (shared.memory) return await transaction(db, (tx) => read(tx, false));
  const own = new Database(shared.name, { readonly: true, fileMustExist: true });
  try {
    own.pragma("busy_timeout = 5000");
    own.exec("BEGIN");
    own.prepare("SELECT count(*) FROM sqlite_master").get(); // the snapshot starts here, not at the first page
    const result = await read(drizzleSqlite(own, { schema }), true);
    own.exec("COMMIT");
    return result;
  } finally {
    own.close();
  }
}
