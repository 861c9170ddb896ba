import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { childProcessEnv } from "@/lib/config";
import { parsePostgresUrl } from "@/lib/mail/mail-database";
import { DEFAULT_POSTFIX_PORT, type PostfixConfigOptions, postfixPaths, renderPostfixConfig } from "@/lib/mail/postfix-config";
import { livePid, logTail, stopByPidFile } from "@/scripts/lib/daemon-pid";
import { waitForPort } from "@/scripts/lib/dovecot-process";
import { pgbouncerInstalled, startPgbouncer, stopPgbouncer } from "@/scripts/lib/pgbouncer-process";

/**
 * Starts and stops a Postfix of our own: config, queue, data and log under one folder, reading
 * Kontor's database through sqlite lookup tables, or pgsql ones when Kontor runs on PostgreSQL. Shared by scripts/postfix.ts and the tests.
 * Postfix's master runs as root (it binds the port and starts proxymap as root); the other daemons
 * drop to the `postfix` user. All waits are bounded.
 */

export const POSTFIX_INSTALL_HINT =
  "Postfix is not installed: apt-get install postfix postfix-sqlite (on PostgreSQL also postfix-pgsql pgbouncer)";

export type PostfixOptions = Omit<PostfixConfigOptions, "dir" | "dbPath"> & { dbPath: string; dir: string };

// Debian puts postfix and postconf in /usr/sbin, which a non-login shell's PATH may lack.
const ENV = childProcessEnv(["/usr/sbin", "/usr/bin", "/sbin"]);

export function postfixConfDir(dir: string) {
  return postfixPaths(path.resolve(dir)).conf;
}

/**
 * Postfix with the sqlite map type: postfix-sqlite registers it in dynamicmaps.cf of the meta directory
 * (`postconf -m` would need a main.cf in /etc/postfix, which Kontor never writes).
 */
export function postfixInstalled(mapType: "sqlite" | "pgsql" = "sqlite"): boolean {
  const r = spawnSync("postconf", ["-d", "-h", "meta_directory"], { env: ENV, encoding: "utf8" });
  if (r.error || r.status !== 0) return false;
  try {
    const mapInstalled = new RegExp(`^${mapType}\\s`, "m").test(fs.readFileSync(path.join(r.stdout.trim(), "dynamicmaps.cf"), "utf8"));
    return mapInstalled && (mapType !== "pgsql" || pgbouncerInstalled());
  } catch {
    return false;
  }
}

const pidFile = (dir: string) => path.join(postfixPaths(path.resolve(dir)).queue, "pid", "master.pid");

/** The master's pid if a Postfix started from this folder is alive. */
export function postfixRunningPid(dir: string): number | null {
  return livePid(pidFile(dir));
}

/**
 * Stops the instance of this folder, if any, and waits (max ~10 s) until its master is gone; then the
 * PgBouncer its lookup tables used on PostgreSQL.
 */
export async function stopPostfix(dir: string): Promise<boolean> {
  const stopped = await stopByPidFile("Postfix", pidFile(dir), () => {
    spawnSync("postfix", ["-c", postfixConfDir(dir), "stop"], { env: ENV, stdio: "ignore", timeout: 10_000 });
  });
  await stopPgbouncer(dir);
  return stopped;
}

/** Writes the config into `<dir>/conf`, creates the queue folder and starts Postfix's master. */
export async function startPostfix(opts: PostfixOptions): Promise<{ pid: number; smtpPort: number; conf: string; log: string }> {
  const onPostgres = opts.databaseUrl !== undefined;
  if (!postfixInstalled(onPostgres ? "pgsql" : "sqlite")) throw new Error(POSTFIX_INSTALL_HINT);
  const dir = path.resolve(opts.dir);
  const dbPath = path.resolve(opts.dbPath);
  if (!onPostgres && !fs.existsSync(dbPath))
    throw new Error(`Database ${dbPath} does not exist (run: npx tsx scripts/seed.ts ${opts.dbPath})`);
  const p = postfixPaths(dir);
  const { main, master, tables } = renderPostfixConfig({ ...opts, dbPath, dir });
  const smtpPort = opts.smtpPort ?? DEFAULT_POSTFIX_PORT;

  await stopPostfix(dir);
  // 0755 down to the queue: the daemons run as `postfix` and must reach it. The queue folder belongs to
  // root; `postfix start` creates its subfolders and data/ with the owners Debian's postfix-files lists.
  fs.mkdirSync(p.conf, { recursive: true });
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(p.queue, { recursive: true, mode: 0o755 });
  fs.writeFileSync(path.join(p.conf, "main.cf"), main, { mode: 0o644 });
  fs.writeFileSync(path.join(p.conf, "master.cf"), master, { mode: 0o644 });
  // pgsql tables hold the database password: only root (proxymap, see master.cf) reads them.
  for (const [name, text] of Object.entries(tables)) {
    const file = path.join(p.conf, name);
    fs.writeFileSync(file, text, { mode: onPostgres ? 0o600 : 0o644 });
    fs.chmodSync(file, onPostgres ? 0o600 : 0o644);
  }

  if (opts.databaseUrl !== undefined) await startPgbouncer(dir, parsePostgresUrl(opts.databaseUrl));
  // `postfix start` waits for the master's initialisation (master -w) and reports failures in its log;
  // its own output goes to a file, since the master inherits the descriptors and a pipe would not end.
  const startupLog = path.join(dir, "startup.log");
  const out = fs.openSync(startupLog, "w");
  let r: ReturnType<typeof spawnSync>;
  try {
    r = spawnSync("postfix", ["-c", p.conf, "start"], { env: ENV, stdio: ["ignore", out, out], timeout: 30_000 });
  } finally {
    fs.closeSync(out);
  }
  if (r.error || r.status !== 0) {
    throw new Error(
      `postfix -c ${p.conf} start failed (${r.error?.message ?? `exit ${String(r.status)}`}):\n${fs.readFileSync(startupLog, "utf8")}${logTail(p.log)}`,
    );
  }
  try {
    await waitForPort(smtpPort, 10_000);
    await waitForPort(opts.internalPort ?? smtpPort + 1, 10_000);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${logTail(p.log)}`);
  }
  const pid = postfixRunningPid(dir);
  if (pid === null) throw new Error(`Postfix exited right after starting:\n${logTail(p.log)}`);
  return { pid, smtpPort, conf: p.conf, log: p.log };
}
