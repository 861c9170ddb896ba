import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { childProcessEnv, type Env, settingsFrom } from "@/lib/config";
import { LUA_PASSDB_FILE, PG_PASSWORD_FILE, VMAIL_GID, VMAIL_UID, renderDovecotConfig } from "@/lib/mail/dovecot-config";
import { type MailDatabase, parsePostgresUrl } from "@/lib/mail/mail-database";
import { ensureMailUser } from "@/lib/mail/mail-user";
import { livePid, logTail, sleep, stopByPidFile, waitForPid } from "@/scripts/lib/daemon-pid";
import { pgbouncerInstalled, startPgbouncer, stopPgbouncer } from "@/scripts/lib/pgbouncer-process";

/**
 * Starts and stops a Dovecot of our own (config, sockets, log and mail under one folder).
 * Shared by scripts/dovecot.ts and the integration tests. All waits are bounded.
 */

export const INSTALL_HINT =
  "Dovecot is not installed: apt-get install dovecot-core dovecot-imapd dovecot-sqlite dovecot-submissiond dovecot-lmtpd dovecot-auth-lua lua-dbi-sqlite3 lua-luaossl (on PostgreSQL also dovecot-pgsql lua-dbi-postgresql pgbouncer)";

/**
 * The Lua passdb (lib/mail/dovecot-lua-passdb.ts) needs Dovecot's Lua module and two Lua libraries
 * (LuaDBI's sqlite3 driver always: it keeps the verified logins in memory); on PostgreSQL also LuaDBI's
 * postgresql driver, Dovecot's pgsql driver (dict) and PgBouncer (lib/mail/pgbouncer-config.ts).
 */
function luaPassdbInstalled(onPostgres = false): boolean {
  const dbd = (name: string) => fs.readdirSync("/usr/lib").some((d) => fs.existsSync(`/usr/lib/${d}/lua/5.4/dbd/${name}.so`));
  const base =
    fs.existsSync("/usr/lib/dovecot/modules/auth/libauthdb_lua.so") &&
    fs.existsSync("/usr/share/lua/5.4/openssl/hmac.lua") &&
    dbd("sqlite3");
  if (!base || !onPostgres) return base;
  return dbd("postgresql") && fs.existsSync("/usr/lib/dovecot/modules/auth/libdriver_pgsql.so") && pgbouncerInstalled();
}

export type DovecotPorts = { imap: number; submission: number; lmtp: number };

export type DovecotOptions = {
  /** Kontor's SQLite file (unused when databaseUrl is given). */
  dbPath: string;
  /** Kontor runs on PostgreSQL (a postgres:// URL): Dovecot reads and writes it there. */
  databaseUrl?: string;
  dir: string;
  ports?: Partial<DovecotPorts>;
  /** Loopback SMTP listener for submission relay and Sieve redirects; default KONTOR_SMTP_SINK_PORT or 10025. */
  relayPort?: number;
  /** The quota-status policy service Postfix asks; default KONTOR_QUOTA_STATUS_PORT (KONTOR_LMTP_PORT + 2). */
  quotaStatusPort?: number;
  production?: boolean;
  /** Benchmark anchor only: a static passdb with this password (see DovecotConfigOptions). */
  staticPassword?: string;
};

// Debian puts dovecot in /usr/sbin, which a non-login shell's PATH may lack.
const ENV = childProcessEnv(["/usr/sbin", "/usr/bin", "/sbin"]);

/** The ports settings.mjs parsed (checked there; its plain-JS fields carry no types of their own). */
type DovecotSettings = { imapPort: number; submissionPort: number; lmtpPort: number; relayPort: number };
const dovecotSettings = (env?: Env): DovecotSettings => settingsFrom(env).dovecot;

/** KONTOR_IMAP_PORT, KONTOR_SUBMISSION_PORT, KONTOR_LMTP_PORT of the given environment (default: this process's). */
export function portsFromEnv(env?: Env): DovecotPorts {
  const dovecot = dovecotSettings(env);
  return { imap: dovecot.imapPort, submission: dovecot.submissionPort, lmtp: dovecot.lmtpPort };
}

/** KONTOR_SMTP_SINK_PORT: the loopback listener Dovecot relays submission and Sieve redirects to. */
export function relayPortFromEnv(env?: Env): number {
  return dovecotSettings(env).relayPort;
}

/** KONTOR_QUOTA_STATUS_PORT: Dovecot listens there, Postfix asks there (both started from the same settings). */
export function quotaStatusPortFromEnv(env?: Env): number {
  return settingsFrom(env).dovecot.quotaStatusPort;
}

/**
 * The Sieve folder belongs to the mail user (Pigeonhole stores compiled scripts beside them); every
 * start re-generates its scripts from the database, so changes made while Dovecot was down apply.
 */
async function prepareSieve(database: MailDatabase, sieveDir: string, mailDir: string) {
  fs.mkdirSync(sieveDir, { recursive: true });
  fs.chownSync(sieveDir, VMAIL_UID, VMAIL_GID);
  fs.chmodSync(sieveDir, 0o755);
  // Loaded here, not at the top: it loads db/schema, whose tables follow KONTOR_DATABASE_URL at first
  // load, and a test or script may start PostgreSQL (with helpers of this module) before it knows the URL.
  const { syncSieveAtStart } = await import("@/scripts/lib/sieve-start-sync");
  await syncSieveAtStart(database, sieveDir, mailDir);
}

export function confPath(dir: string) {
  return path.join(path.resolve(dir), "dovecot.conf");
}

export function dovecotInstalled(onPostgres = false): boolean {
  const r = spawnSync("dovecot", ["--version"], { env: ENV, encoding: "utf8" });
  return !r.error && r.status === 0 && luaPassdbInstalled(onPostgres);
}

const pidFile = (dir: string) => path.join(path.resolve(dir), "run", "master.pid");

/** The master's pid if a Dovecot started from this folder is alive. */
export function runningPid(dir: string): number | null {
  return livePid(pidFile(dir));
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export async function waitForPort(port: number, timeoutMs = 10_000, host = "127.0.0.1"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await canConnect(host, port)) return;
    await sleep(100);
  }
  throw new Error(`Nothing accepted connections on ${host}:${port} within ${timeoutMs} ms`);
}

const dovecotLog = (dir: string) => logTail(path.join(dir, "dovecot.log"));

/** Mail processes run as uid 5000; a 0700 parent (mkdtemp!) would make every Maildir unreachable. */
function assertTraversable(dir: string) {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const st = fs.statSync(d);
    if (st.uid !== VMAIL_UID && (st.mode & 0o001) === 0) {
      throw new Error(
        `${d} is not searchable by uid ${VMAIL_UID} (mode ${(st.mode & 0o777).toString(8)}); chmod o+x it or choose another --dir`,
      );
    }
    if (d === path.dirname(d)) return;
  }
}

/**
 * Stops the instance of this folder, if any, and waits (max ~10 s) until its master is gone; then the
 * PgBouncer its dict used on PostgreSQL.
 */
export async function stopDovecot(dir: string): Promise<boolean> {
  const abs = path.resolve(dir);
  const stopped = await stopByPidFile("Dovecot", pidFile(abs), () => {
    spawnSync("doveadm", ["-c", confPath(abs), "stop"], { env: ENV, encoding: "utf8", timeout: 10_000 });
  });
  await stopPgbouncer(abs);
  return stopped;
}

/** Writes the config into `dir`, creates the mail folder for uid 5000, and starts Dovecot. */
export async function startDovecot(opts: DovecotOptions): Promise<{ pid: number; ports: DovecotPorts; conf: string }> {
  const { databaseUrl } = opts;
  if (!dovecotInstalled(databaseUrl !== undefined)) throw new Error(INSTALL_HINT);
  const dir = path.resolve(opts.dir);
  const dbPath = path.resolve(opts.dbPath);
  if (databaseUrl === undefined && !fs.existsSync(dbPath))
    throw new Error(`Database ${dbPath} does not exist (run: npx tsx scripts/seed.ts ${opts.dbPath})`);
  const ports = { ...portsFromEnv({}), ...opts.ports };

  await stopDovecot(dir);
  const sieveDir = path.join(dir, "sieve");
  const { main, sqlExt, dictExt, luaPassdb, pgPassword } = renderDovecotConfig({
    mailUser: ensureMailUser(),
    dbPath,
    databaseUrl,
    dir,
    imapPort: ports.imap,
    submissionPort: ports.submission,
    lmtpPort: ports.lmtp,
    relayPort: opts.relayPort ?? relayPortFromEnv(),
    quotaStatusPort: opts.quotaStatusPort ?? quotaStatusPortFromEnv(),
    sieveDir,
    production: opts.production,
    cores: os.availableParallelism(),
    staticPassword: opts.staticPassword,
  });
  // 0755: mail processes run as uid 5000 and must be able to walk down to their Maildir.
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, "dovecot.conf"), main, { mode: 0o644 });
  // SQLite only (the SQL userdb); on PostgreSQL nothing reads it, and one left by an earlier start goes.
  const sqlExtFile = path.join(dir, "dovecot-sql.conf.ext");
  if (sqlExt === undefined) fs.rmSync(sqlExtFile, { force: true });
  else fs.writeFileSync(sqlExtFile, sqlExt, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, "dovecot-dict-sql.conf.ext"), dictExt, { mode: 0o600 });
  // Loaded by the auth process (user dovecot) as well as by its root workers; it holds no secret.
  fs.writeFileSync(path.join(dir, LUA_PASSDB_FILE), luaPassdb);
  fs.chmodSync(path.join(dir, LUA_PASSDB_FILE), 0o644);
  const passwordFile = path.join(dir, PG_PASSWORD_FILE);
  if (pgPassword === undefined) fs.rmSync(passwordFile, { force: true });
  else {
    // Read by the Lua passdb in the auth workers (root) only.
    fs.writeFileSync(passwordFile, `${pgPassword}\n`, { mode: 0o600 });
    fs.chmodSync(passwordFile, 0o600);
  }
  assertTraversable(dir);
  if (databaseUrl !== undefined) await startPgbouncer(dir, parsePostgresUrl(databaseUrl));
  const mailDir = path.join(dir, "mail");
  fs.mkdirSync(mailDir, { recursive: true });
  fs.chownSync(mailDir, VMAIL_UID, VMAIL_GID);
  fs.chmodSync(mailDir, 0o750);
  await prepareSieve(
    databaseUrl === undefined ? { kind: "sqlite", path: dbPath } : { kind: "postgresql", url: databaseUrl },
    sieveDir,
    mailDir,
  );

  const conf = confPath(dir);
  // Without -F the master daemonises once its listeners are bound; config errors exit non-zero.
  // Its output goes to a file: the daemon inherits the fds, so a pipe would never reach EOF.
  const startupLog = path.join(dir, "startup.log");
  const out = fs.openSync(startupLog, "w");
  let r: ReturnType<typeof spawnSync>;
  try {
    r = spawnSync("dovecot", ["-c", conf], { env: ENV, stdio: ["ignore", out, out], timeout: 10_000 });
  } finally {
    fs.closeSync(out);
  }
  if (r.error || r.status !== 0) {
    const output = fs.readFileSync(startupLog, "utf8");
    throw new Error(`dovecot -c ${conf} failed (${r.error?.message ?? `exit ${String(r.status)}`}):\n${output}${dovecotLog(dir)}`);
  }
  try {
    await waitForPort(ports.imap, 10_000);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${dovecotLog(dir)}`);
  }
  // The listeners are bound before the master daemonises, but master.pid is written a moment
  // later by the daemon: poll for it instead of reading it once.
  const pid = await waitForPid(pidFile(dir));
  if (pid === null) throw new Error(`Dovecot exited right after starting:\n${dovecotLog(dir)}`);
  return { pid, ports, conf };
}

/** A port the kernel considers free right now, for tests that must not clash with a dev instance. */
/** Ports freePort handed out in this process: the kernel may offer a just-closed port again. */
const handedOut = new Set<number>();

/**
 * A loopback port nothing listens on, never one this process was given before: a caller that asks
 * for several (IMAP, submission, LMTP, quota-status) before starting anything gets distinct ones.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await unusedPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error("no unused loopback port found in 50 attempts");
}

function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
