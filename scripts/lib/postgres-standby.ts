import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { waitForPort } from "@/scripts/lib/dovecot-process";
import {
  credentialsFile,
  dataDir,
  isRoot,
  logFile,
  logTail,
  postgresUrl,
  prepareFolder,
  readCredentials,
  runAsServerUser,
  runningServer,
  type RunningPostgres,
  SERVER_USER,
  socketDir,
  WAIT_SECONDS,
  writeServerSettings,
} from "@/scripts/lib/postgres-process";

/**
 * A streaming-replication standby of one of Kontor's clusters (scripts/lib/postgres-process.ts), in a
 * folder laid out like the primary's, as docs/scaling.md describes it for hosters: `pg_basebackup -R`
 * copies the primary and writes the connection back to it; the standby answers reads (hot standby) and
 * refuses writes until it is promoted. For tests and for trying a failover on one machine.
 */

/** Copies the running primary in `primaryDir` into `dir` and starts it as its standby on `port`. */
export async function startStandby(opts: { primaryDir: string; dir: string; port: number; ephemeral?: boolean }): Promise<RunningPostgres> {
  const primary = runningServer(opts.primaryDir);
  const creds = readCredentials(opts.primaryDir);
  if (!primary || !creds) throw new Error(`No PostgreSQL of Kontor runs from ${path.resolve(opts.primaryDir)}`);
  const dir = path.resolve(opts.dir);
  if (fs.existsSync(path.join(dataDir(dir), "PG_VERSION"))) throw new Error(`${dir} already holds a cluster`);
  prepareFolder(dir);
  // The replication connection: the superuser over the primary's own socket (peer), as initdb allows it.
  const source = ["-h", socketDir(opts.primaryDir), "-p", String(primary.port), ...(isRoot() ? ["-U", SERVER_USER] : [])];
  runAsServerUser(dir, "pg_basebackup", ["-D", dataDir(dir), "-R", "-X", "stream", "-c", "fast", ...source]);
  // The copy brought the primary's port and socket along (kontor.conf): the standby gets its own.
  writeServerSettings(dir, opts.port, opts.ephemeral ?? false);
  try {
    runAsServerUser(dir, "pg_ctl", ["-D", dataDir(dir), "-l", logFile(dir), "-w", "-t", String(WAIT_SECONDS), "start"]);
  } catch (e) {
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${logTail(dir)}`);
  }
  const server = runningServer(dir);
  if (!server) throw new Error(`The standby exited right after starting:\n${logTail(dir)}`);
  await waitForPort(server.port, WAIT_SECONDS * 1000);
  // Kontor's role and its password came with the copy; so does its credentials file for the same URL.
  fs.writeFileSync(credentialsFile(dir), JSON.stringify(creds) + "\n", { mode: 0o600 });
  return { pid: server.pid, port: server.port, url: postgresUrl(creds, server.port), dir };
}

/** Ends recovery: the standby becomes a primary that takes writes (pg_ctl promote waits for it). */
export function promoteStandby(dir: string) {
  runAsServerUser(dir, "pg_ctl", ["-D", dataDir(dir), "-w", "-t", String(WAIT_SECONDS), "promote"]);
}

/**
 * Waits until the standby has replayed everything the primary had written when called, so a test reads
 * there what it just wrote on the primary. Bounded by WAIT_SECONDS.
 */
export async function waitForReplay(primaryUrl: string, standbyUrl: string): Promise<void> {
  const primary = new pg.Client({ connectionString: primaryUrl });
  const standby = new pg.Client({ connectionString: standbyUrl });
  await Promise.all([primary.connect(), standby.connect()]);
  try {
    // The insert position: with synchronous_commit off (ephemeral test clusters) a commit can be past the
    // written one (pg_current_wal_lsn) until the WAL writer catches up, and the standby receives only that.
    const { lsn } = (await primary.query<{ lsn: string }>("SELECT pg_current_wal_insert_lsn()::text AS lsn")).rows[0];
    const deadline = Date.now() + WAIT_SECONDS * 1000;
    while (Date.now() < deadline) {
      const { rows } = await standby.query<{ done: boolean }>("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done", [lsn]);
      if (rows[0].done) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`The standby did not replay up to ${lsn} within ${WAIT_SECONDS} s`);
  } finally {
    await Promise.all([primary.end(), standby.end()]);
  }
}
