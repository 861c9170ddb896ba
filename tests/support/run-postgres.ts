/**
 * npx tsx tests/support/run-postgres.ts start|stop <folder>
 * The PostgreSQL of scripts/test-all.sh's PostgreSQL pass: a throwaway cluster (no fsync) of its own in
 * <folder>, on 127.0.0.1, port KONTOR_PG_PORT or else a free one; Kontor's migrations applied and
 * Kontor's role allowed to create databases, because tests clone a fresh seeded database from a
 * template (tests/support/disk-db.ts). `start` prints Kontor's URL (test credentials) on stdout.
 */
import { migratePostgres } from "@/db/migrate-pg";
import { freePort } from "@/scripts/lib/dovecot-process";
import { allowCreateDatabase, startPostgres, stopPostgres } from "@/scripts/lib/postgres-process";

const [command, dir] = process.argv.slice(2);
if (!dir || (command !== "start" && command !== "stop")) {
  console.error("usage: tsx tests/support/run-postgres.ts start|stop <folder>");
  process.exit(2);
}
if (command === "stop") {
  await stopPostgres(dir);
} else {
  const port = process.env.KONTOR_PG_PORT ? Number(process.env.KONTOR_PG_PORT) : await freePort();
  const server = await startPostgres({ dir, port, ephemeral: true });
  await migratePostgres(server.url);
  allowCreateDatabase(dir);
  console.log(server.url);
}
