import { drizzle } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db";
import { applyMigrations } from "@/db/migrate";
import { openSqlite, type SqliteDatabase } from "@/db/open";
import * as schema from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { databaseKind } from "@/lib/config";
import { freshRunPostgres } from "./seeded-postgres";
import { noRawSqlite } from "./test-db";

export type DiskDb = {
  /** A fresh temp folder of the test's own (mode 0755: Dovecot's mail processes, uid 5000, pass through). */
  dir: string;
  /** The SQLite file; on PostgreSQL a path that does not exist, so nothing can fall back to SQLite. */
  file: string;
  /** The PostgreSQL database's URL in the PostgreSQL pass (give it to Dovecot and Postfix), else undefined. */
  databaseUrl: string | undefined;
  /** Raw SQLite, for tests about SQLite itself only; on PostgreSQL every use throws. */
  sqlite: SqliteDatabase;
  db: Db;
  /** Ends the test's own connection (Dovecot stays the only reader). */
  close: () => Promise<void>;
  remove: () => Promise<void>;
};

/**
 * A seeded demo database of the test's own, on the database this run uses: a file of its own on SQLite
 * (WAL, synchronous=FULL, as in production), or in the PostgreSQL pass of scripts/test-all.sh
 * (KONTOR_DATABASE_URL) a fresh database cloned from a seeded template. `remove()` deletes it all.
 */
export function createSeededDiskDb(prefix: string): Promise<DiskDb> {
  return createDiskDb(prefix, { seeded: true });
}

/** The same, migrated but empty unless `seeded`: for tests that build their world with the factories. */
export async function createDiskDb(prefix: string, { seeded }: { seeded: boolean }): Promise<DiskDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755); // mkdtemp gives 0700; Dovecot's mail processes (uid 5000) must pass through
  const file = path.join(dir, "kontor.db");
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  if (databaseKind() === "postgresql") {
    const pg = await freshRunPostgres(seeded);
    return {
      dir,
      file,
      databaseUrl: pg.url,
      sqlite: noRawSqlite,
      db: pg.db,
      close: pg.close,
      async remove() {
        await pg.drop();
        removeDir();
      },
    };
  }
  const sqlite = openSqlite(file);
  applyMigrations(sqlite);
  const db = drizzle(sqlite, { schema });
  if (seeded) await seedDemo(db);
  const close = () => {
    if (sqlite.open) sqlite.close();
    return Promise.resolve();
  };
  return {
    dir,
    file,
    databaseUrl: undefined,
    sqlite,
    db,
    close,
    async remove() {
      await close();
      removeDir();
    },
  };
}
