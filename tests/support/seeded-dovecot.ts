import { drizzle } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "@/db/migrate";
import { openSqlite, type SqliteDatabase } from "@/db/open";
import * as schema from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { type DovecotPorts, dovecotInstalled, freePort } from "@/lib/mail/dovecot-process";
import { type RunningSink, startSmtpSink } from "@/lib/mail/smtp-sink";
import { startOwnDovecot } from "./own-dovecot";

export type SeededDovecot = {
  sqlite: SqliteDatabase;
  db: ReturnType<typeof drizzle<typeof schema>>;
  ports: DovecotPorts;
  sinkDir: string;
  stop: () => Promise<void>;
};

/**
 * Its own Dovecot on free ports over a freshly seeded temp database, with a loopback SMTP listener
 * for relays and redirects; never touches the shared demo database. Sieve scripts go to its folder.
 */
export async function startSeededDovecot(prefix: string): Promise<SeededDovecot> {
  if (!dovecotInstalled()) throw new Error("Dovecot is not installed (scripts/install-deps.sh --system)");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(tmp, 0o755); // the mail processes (uid 5000) must pass through
  const dbPath = path.join(tmp, "kontor.db");
  const sqlite = openSqlite(dbPath);
  applyMigrations(sqlite);
  const db = drizzle(sqlite, { schema });
  await seedDemo(db);
  const sinkDir = path.join(tmp, "sink");
  const sink: RunningSink = await startSmtpSink({ dir: sinkDir, port: await freePort() });
  process.env.KONTOR_SIEVE_DIR = path.join(tmp, "dovecot", "sieve");
  const dovecot = await startOwnDovecot(tmp, dbPath, false, sink.port);
  const ports = dovecot.ports;
  const stop = async () => {
    delete process.env.KONTOR_SIEVE_DIR;
    await dovecot.stop();
    await sink.close();
    sqlite.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  return { sqlite, db, ports, sinkDir, stop };
}
