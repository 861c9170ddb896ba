import path from "node:path";
import type { Db } from "@/db";
import { databaseKind } from "@/lib/config";
import { type DovecotPorts, dovecotInstalled, freePort } from "@/scripts/lib/dovecot-process";
import { postfixInstalled, startPostfix, stopPostfix } from "@/scripts/lib/postfix-process";
import { type RunningSink, startSmtpSink } from "@/scripts/lib/smtp-sink";
import { createSeededDiskDb } from "./disk-db";
import { startOwnDovecot } from "./own-dovecot";

export type SeededDovecot = {
  db: Db;
  ports: DovecotPorts;
  sinkDir: string;
  /** Incoming SMTP of its own Postfix; 0 when started without one. */
  postfixPort: number;
  /** Postfix's internal listener that Dovecot relays through; 0 without Postfix. */
  postfixInternalPort: number;
  stop: () => Promise<void>;
};

/**
 * Its own Dovecot on free ports over a freshly seeded database of its own (tests/support/disk-db.ts:
 * a temp SQLite file, or a fresh PostgreSQL database in the PostgreSQL pass), with a loopback SMTP
 * listener for relays and redirects; never touches the shared demo database. Sieve scripts go to its
 * folder. With `postfix`, its own Postfix sits between them, as in production: it accepts mail for the
 * database's domains and delivers it over LMTP, and Dovecot's submission and redirects leave through
 * it; mail for other domains reaches the sink.
 */
export async function startSeededDovecot(prefix: string, opts: { postfix?: boolean } = {}): Promise<SeededDovecot> {
  if (!dovecotInstalled(databaseKind() === "postgresql")) throw new Error("Dovecot is not installed (scripts/install-deps.sh --system)");
  if (opts.postfix && !postfixInstalled()) throw new Error("Postfix is not installed (scripts/install-deps.sh --system)");
  const handle = await createSeededDiskDb(prefix);
  const tmp = handle.dir;
  const sinkDir = path.join(tmp, "sink");
  const sink: RunningSink = await startSmtpSink({ dir: sinkDir, port: await freePort() });
  process.env.KONTOR_SIEVE_DIR = path.join(tmp, "dovecot", "sieve");
  const postfixPort = opts.postfix ? await freePort() : 0;
  // Dovecot's submission and Sieve mail leave through Postfix's internal listener, the only one that relays.
  const internalPort = opts.postfix ? await freePort() : 0;
  const dovecot = await startOwnDovecot(tmp, handle.file, false, internalPort || sink.port, handle.databaseUrl);
  const ports = dovecot.ports;
  const postfixDir = path.join(tmp, "postfix");
  if (opts.postfix) {
    await startPostfix({
      dbPath: handle.file,
      databaseUrl: handle.databaseUrl,
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
    await handle.remove();
  };
  return { db: handle.db, ports, sinkDir, postfixPort, postfixInternalPort: internalPort, stop };
}
