import { drizzle } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "@/db/migrate";
import { openSqlite, type SqliteDatabase } from "@/db/open";
import * as schema from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { type DovecotPorts, dovecotInstalled, freePort } from "@/lib/mail/dovecot-process";
import { postfixInstalled, startPostfix, stopPostfix } from "@/lib/mail/postfix-process";
import { type RunningSink, startSmtpSink } from "@/lib/mail/smtp-sink";
import { startOwnDovecot } from "./own-dovecot";

export type SeededDovecot = {
  sqlite: SqliteDatabase;
  db: ReturnType<typeof drizzle<typeof schema>>;
  ports: DovecotPorts;
  sinkDir: string;
  /** Incoming SMTP of its own Postfix; 0 when started without one. */
  postfixPort: number;
  /** Postfix's internal listener that Dovecot relays through; 0 without Postfix. */
  postfixInternalPort: number;
  stop: () => Promise<void>;
};

/**
 * Its own Dovecot on free ports over a freshly seeded temp database, with a loopback SMTP listener
 * for relays and redirects; never touches the shared demo database. Sieve scripts go to its folder.
 * With `postfix`, its own Postfix sits between them, as in production: it accepts mail for the
 * database's domains and delivers it over LMTP, and Dovecot's submission and redirects leave through
 * it; mail for other domains reaches the sink.
 */
export async function startSeededDovecot(prefix: string, opts: { postfix?: boolean } = {}): Promise<SeededDovecot> {
  if (!dovecotInstalled()) throw new Error("Dovecot is not installed (scripts/install-deps.sh --system)");
  if (opts.postfix && !postfixInstalled()) throw new Error("Postfix is not installed (scripts/install-deps.sh --system)");
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
  const postfixPort = opts.postfix ? await freePort() : 0;
  // Dovecot's submission and Sieve mail leave through Postfix's internal listener, the only one that relays.
  const internalPort = opts.postfix ? await freePort() : 0;
  const dovecot = await startOwnDovecot(tmp, dbPath, false, internalPort || sink.port);
  const ports = dovecot.ports;
  const postfixDir = path.join(tmp, "postfix");
  if (opts.postfix) {
    await startPostfix({
      dbPath,
      dir: postfixDir,
      smtpPort: postfixPort,
      internalPort,
      lmtpPort: ports.lmtp,
      quotaStatusPort: dovecot.quotaStatusPort,
      relayhost: `[127.0.0.1]:${sink.port}`,
    });
  }
  const stop = async () => {
    delete process.env.KONTOR_SIEVE_DIR;
    if (opts.postfix) await stopPostfix(postfixDir);
    await dovecot.stop();
    await sink.close();
    sqlite.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  return { sqlite, db, ports, sinkDir, postfixPort, postfixInternalPort: internalPort, stop };
}
