import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { envPort } from "@/lib/mail/config-values";
import { waitForPort } from "@/scripts/lib/dovecot-process";

/**
 * Starts and stops a PostgreSQL cluster of our own (Debian's `postgresql` package) under one folder:
 *
 *   <dir>/data            the cluster (initdb), owned by the user the server runs as
 *   <dir>/run             its Unix socket (never /var/run/postgresql, so it cannot meet a system cluster)
 *   <dir>/postgres.log    the server's log
 *   <dir>/kontor.json     role, database and generated password of Kontor (mode 0600)
 *
 * The server listens on 127.0.0.1 only. PostgreSQL refuses to run as root, so when we are root every
 * command runs as the `postgres` system user (runuser) and the folder belongs to it. A second start
 * reuses the cluster, the role and the password. Every wait is bounded.
 */

export const PG_INSTALL_HINT = "PostgreSQL is not installed: apt-get install postgresql (or scripts/install-deps.sh --system)";

/** The port when neither the caller nor KONTOR_PG_PORT names one (beside PostgreSQL's own 5432). */
export const DEFAULT_PG_PORT = 15432;

export type PostgresOptions = {
  dir: string;
  port?: number;
  /** Role and database created for Kontor (both `kontor` by default). */
  role?: string;
  database?: string;
  /**
   * Tests only: no fsync, so a throwaway cluster does not wait for the disk. Never for data that
   * must survive a crash.
   */
  ephemeral?: boolean;
};

export type RunningPostgres = { pid: number; port: number; url: string; dir: string };

type Credentials = { role: string; database: string; password: string };

export const WAIT_SECONDS = 30;
/** The system user Debian's PostgreSQL (and PgBouncer) packages run their servers as. */
export const SERVER_USER = "postgres";
const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** KONTOR_PG_PORT of the given environment, else DEFAULT_PG_PORT. */
export function pgPortFromEnv(env: Record<string, string | undefined> = process.env): number {
  return envPort(env, "KONTOR_PG_PORT", DEFAULT_PG_PORT);
}

/** The newest installed server's bin folder (Debian keeps initdb and pg_ctl out of PATH). */
export function postgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  let versions: string[];
  try {
    versions = fs.readdirSync(root).filter((v) => /^\d+$/.test(v));
  } catch {
    return null;
  }
  versions.sort((a, b) => Number(b) - Number(a));
  const found = versions.map((v) => path.join(root, v, "bin")).find((bin) => fs.existsSync(path.join(bin, "initdb")));
  return found ?? null;
}

export function postgresInstalled(): boolean {
  return postgresBinDir() !== null;
}

/** Root runs the servers as SERVER_USER (PostgreSQL refuses root); anyone else runs them as themselves. */
export const isRoot = () => process.getuid?.() === 0;

export const dataDir = (dir: string) => path.join(path.resolve(dir), "data");
export const socketDir = (dir: string) => path.join(path.resolve(dir), "run");
export const credentialsFile = (dir: string) => path.join(path.resolve(dir), "kontor.json");
export const logFile = (dir: string) => path.join(path.resolve(dir), "postgres.log");

function bin(tool: string): string {
  const dir = postgresBinDir();
  if (!dir) throw new Error(PG_INSTALL_HINT);
  return path.join(dir, tool);
}

/** Runs a PostgreSQL tool as the server's user; throws with its output when it fails. */
export function runAsServerUser(dir: string, tool: string, args: string[], input?: string): SpawnSyncReturns<string> {
  const command = isRoot() ? "runuser" : bin(tool);
  const argv = isRoot() ? ["-u", SERVER_USER, "--", bin(tool), ...args] : args;
  // The server's user cannot enter root's working directory; LC_ALL=C keeps messages and locale checks stable.
  const r = spawnSync(command, argv, {
    cwd: path.resolve(dir),
    env: { NODE_ENV: process.env.NODE_ENV, PATH: "/usr/sbin:/usr/bin:/sbin:/bin", LC_ALL: "C", PGTZ: "UTC" },
    input,
    encoding: "utf8",
    timeout: (WAIT_SECONDS + 15) * 1000,
  });
  if (r.error) throw new Error(`${tool} could not run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${tool} failed (exit ${String(r.status ?? r.signal)}):\n${(r.stderr || r.stdout).trim()}`);
  return r;
}

/** The postmaster's pid and port if a server started from this folder is alive. */
export function runningServer(dir: string): { pid: number; port: number } | null {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dataDir(dir), "postmaster.pid"), "utf8").split("\n");
  } catch {
    return null;
  }
  // postmaster.pid: pid, data folder, start time, port, socket folder, listen address, shared memory key, status.
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 1) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  return { pid, port };
}

export function postgresUrl(creds: Credentials, port: number): string {
  return `postgres://${creds.role}:${creds.password}@127.0.0.1:${port}/${creds.database}`;
}

/** The folder must be reachable by the server's user, or initdb fails with a confusing message later. */
export function prepareFolder(dir: string) {
  const abs = path.resolve(dir);
  if (abs.includes("'") || abs.length > 80) {
    // The socket path (<dir>/run/.s.PGSQL.<port>) must stay under the 107 bytes of sun_path.
    throw new Error(`PostgreSQL folder ${abs} must be shorter than 80 characters and contain no quote`);
  }
  fs.mkdirSync(abs, { recursive: true });
  fs.mkdirSync(socketDir(abs), { recursive: true });
  if (isRoot()) {
    const { uid, gid } = serverUserIds();
    for (const d of [abs, socketDir(abs)]) fs.chownSync(d, uid, gid);
    const probe = spawnSync("runuser", ["-u", SERVER_USER, "--", "test", "-w", abs], { encoding: "utf8", timeout: 10_000 });
    if (probe.status !== 0) {
      throw new Error(`The ${SERVER_USER} user cannot write ${abs}: every folder above it must be searchable by others (chmod o+x)`);
    }
  }
  fs.chmodSync(abs, 0o700);
  fs.chmodSync(socketDir(abs), 0o700);
}

export function serverUserIds(): { uid: number; gid: number } {
  const r = spawnSync("id", ["-u", SERVER_USER], { encoding: "utf8" });
  const g = spawnSync("id", ["-g", SERVER_USER], { encoding: "utf8" });
  if (r.status !== 0 || g.status !== 0) throw new Error(`No ${SERVER_USER} system user: ${PG_INSTALL_HINT}`);
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** Creates the cluster once: superuser by peer over the socket only, passwords (SCRAM) over TCP. */
function initCluster(dir: string) {
  if (fs.existsSync(path.join(dataDir(dir), "PG_VERSION"))) return;
  // C collation and UTF-8: text sorts and lower() behave byte-wise, as SQLite's BINARY collation does.
  runAsServerUser(dir, "initdb", ["-D", dataDir(dir), "--encoding=UTF8", "--locale=C", "--auth-local=peer", "--auth-host=scram-sha-256"]);
  fs.appendFileSync(
    path.join(dataDir(dir), "postgresql.conf"),
    "\n# Written by Kontor on every start.\ninclude_if_exists = 'kontor.conf'\n",
  );
}

/** Settings rewritten on every start, so a start on another port needs no hand edit. */
export function writeServerSettings(dir: string, port: number, ephemeral: boolean) {
  const lines = [
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    `unix_socket_directories = '${socketDir(dir)}'`,
    "unix_socket_permissions = 0700",
    "password_encryption = 'scram-sha-256'",
    "timezone = 'UTC'",
    "log_timezone = 'UTC'",
  ];
  if (ephemeral) lines.push("fsync = off", "synchronous_commit = off", "full_page_writes = off");
  const file = path.join(dataDir(dir), "kontor.conf");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  if (isRoot()) {
    const { uid, gid } = serverUserIds();
    fs.chownSync(file, uid, gid);
  }
}

export function readCredentials(dir: string): Credentials | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(credentialsFile(dir), "utf8")) as Partial<Credentials>;
    if (typeof parsed.role === "string" && typeof parsed.database === "string" && typeof parsed.password === "string") {
      return { role: parsed.role, database: parsed.database, password: parsed.password };
    }
  } catch {
    // Missing or unreadable: a new password is generated and set on the role.
  }
  return null;
}

/** psql as the superuser over the cluster's own socket; statements come on stdin (never in `ps`). */
function superuserSql(dir: string, port: number, sql: string, database = "postgres"): string {
  const args = ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", socketDir(dir), "-p", String(port), "-d", database];
  return runAsServerUser(dir, "psql", isRoot() ? ["-U", SERVER_USER, ...args] : args, sql).stdout.trim();
}

/** Creates the role (or sets its password) and its database; both are no-ops when already right. */
function ensureRoleAndDatabase(dir: string, port: number, creds: Credentials) {
  superuserSql(
    dir,
    port,
    [
      `SELECT 'CREATE ROLE ${creds.role} LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${creds.role}')\\gexec`,
      `ALTER ROLE ${creds.role} LOGIN PASSWORD '${creds.password}';`,
      `SELECT 'CREATE DATABASE ${creds.database} OWNER ${creds.role}' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${creds.database}')\\gexec`,
      "",
    ].join("\n"),
  );
}

/**
 * One more database owned by Kontor's role in a running cluster (tests that need several empty ones);
 * returns its URL. An existing database is reused as it is.
 */
export function ensureDatabase(dir: string, database: string): string {
  if (!NAME.test(database)) throw new Error(`Not a plain database name: ${database}`);
  const server = runningServer(dir);
  const creds = readCredentials(dir);
  if (!server || !creds) throw new Error(`No PostgreSQL of Kontor runs from ${path.resolve(dir)}`);
  const withDb = { ...creds, database };
  ensureRoleAndDatabase(dir, server.port, withDb);
  return postgresUrl(withDb, server.port);
}

/**
 * Lets Kontor's role create databases in a running cluster. Test clusters only (the unit-pg project and
 * the test runner's PostgreSQL pass clone a fresh database per test from a template); never the demo's.
 */
export function allowCreateDatabase(dir: string, role = "kontor") {
  if (!NAME.test(role)) throw new Error(`Not a plain role name: ${role}`);
  const server = runningServer(dir);
  if (!server) throw new Error(`No PostgreSQL of Kontor runs from ${path.resolve(dir)}`);
  superuserSql(dir, server.port, `ALTER ROLE ${role} CREATEDB;\n`);
}

/** Starts (or reuses) the cluster in `dir` and returns Kontor's `postgres://` URL. */
export async function startPostgres(opts: PostgresOptions): Promise<RunningPostgres> {
  const dir = path.resolve(opts.dir);
  const port = opts.port ?? pgPortFromEnv();
  const role = opts.role ?? "kontor";
  const database = opts.database ?? "kontor";
  for (const name of [role, database]) if (!NAME.test(name)) throw new Error(`Not a plain role or database name: ${name}`);
  if (!postgresInstalled()) throw new Error(PG_INSTALL_HINT);

  prepareFolder(dir);
  initCluster(dir);
  let server = runningServer(dir);
  if (server && server.port !== port) {
    throw new Error(`PostgreSQL from ${dir} already runs on port ${server.port}, not ${port}: stop it first`);
  }
  if (!server) {
    writeServerSettings(dir, port, opts.ephemeral ?? false);
    // pg_ctl -w returns once the server accepts connections, or fails after WAIT_SECONDS.
    try {
      runAsServerUser(dir, "pg_ctl", ["-D", dataDir(dir), "-l", logFile(dir), "-w", "-t", String(WAIT_SECONDS), "start"]);
    } catch (e) {
      throw new Error(`${e instanceof Error ? e.message : String(e)}\n${logTail(dir)}`);
    }
    server = runningServer(dir);
    if (!server) throw new Error(`PostgreSQL exited right after starting:\n${logTail(dir)}`);
  }
  // pg_ctl waited on the Unix socket; Kontor connects over TCP.
  await waitForPort(server.port, WAIT_SECONDS * 1000);

  const stored = readCredentials(dir);
  const creds: Credentials =
    stored && stored.role === role && stored.database === database
      ? stored
      : { role, database, password: crypto.randomBytes(24).toString("hex") };
  ensureRoleAndDatabase(dir, server.port, creds);
  fs.writeFileSync(credentialsFile(dir), JSON.stringify(creds) + "\n", { mode: 0o600 });
  fs.chmodSync(credentialsFile(dir), 0o600);
  return { pid: server.pid, port: server.port, url: postgresUrl(creds, server.port), dir };
}

/** Kontor's URL of a running cluster, or null. */
export function runningPostgresUrl(dir: string): string | null {
  const server = runningServer(dir);
  const creds = readCredentials(dir);
  return server && creds ? postgresUrl(creds, server.port) : null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stops the server ("fast": open sessions are ended, data is flushed). True if one was running. */
export async function stopPostgres(dir: string): Promise<boolean> {
  const server = runningServer(dir);
  if (!server) return false;
  try {
    runAsServerUser(dir, "pg_ctl", ["-D", dataDir(dir), "-m", "fast", "-w", "-t", String(WAIT_SECONDS), "stop"]);
  } catch {
    // pg_ctl could not reach it: end exactly this postmaster by its pid (SIGINT = fast shutdown).
    process.kill(server.pid, "SIGINT");
  }
  const deadline = Date.now() + WAIT_SECONDS * 1000;
  while (runningServer(dir) !== null && Date.now() < deadline) await sleep(100);
  if (runningServer(dir) !== null) throw new Error(`PostgreSQL (pid ${server.pid}) did not stop`);
  return true;
}

export function logTail(dir: string): string {
  try {
    return fs.readFileSync(logFile(dir), "utf8").split("\n").slice(-20).join("\n");
  } catch {
    return "(no log)";
  }
}
