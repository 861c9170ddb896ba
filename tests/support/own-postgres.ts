import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migratePostgres } from "@/db/migrate-pg";
import { freePort } from "@/scripts/lib/dovecot-process";
import { ensureDatabase, postgresInstalled, PG_INSTALL_HINT, startPostgres, stopPostgres } from "@/scripts/lib/postgres-process";

/**
 * A PostgreSQL of the test's own (scripts/lib/postgres-process.ts) in a temp folder, on a free loopback
 * port, never the one in KONTOR_PG_PORT, so it cannot meet a cluster a runner or the demo started there.
 * Without fsync: the data is thrown away. `migrated` applies db/migrations-pg to Kontor's database;
 * `freshDatabase` adds another empty (migrated) database to the same cluster.
 */
export async function startOwnPostgres(prefix = "kontor-pg-") {
  if (!postgresInstalled()) throw new Error(PG_INSTALL_HINT);
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // The server runs as the postgres user when we are root: it must be able to enter the temp folder.
  fs.chmodSync(baseDir, 0o755);
  const dir = path.join(baseDir, "pg");
  const server = await startPostgres({ dir, port: await freePort(), ephemeral: true });
  await migratePostgres(server.url);
  return {
    ...server,
    baseDir,
    async freshDatabase(name: string) {
      const url = ensureDatabase(dir, name);
      await migratePostgres(url);
      return url;
    },
    async stop() {
      await stopPostgres(dir);
      fs.rmSync(baseDir, { recursive: true, force: true });
    },
  };
}

export type OwnPostgres = Awaited<ReturnType<typeof startOwnPostgres>>;
