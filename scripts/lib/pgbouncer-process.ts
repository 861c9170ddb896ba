import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { childProcessEnv } from "@/lib/config";
import type { PgConnection } from "@/lib/mail/mail-database";
import { PGBOUNCER_SOCKET_PORT, pgbouncerDir, renderPgbouncerConfig } from "@/lib/mail/pgbouncer-config";
import { livePid, logTail, sleep, stopByPidFile, waitForPid } from "@/scripts/lib/daemon-pid";
import { isRoot, SERVER_USER, serverUserIds } from "@/scripts/lib/postgres-process";

/**
 * Starts and stops the PgBouncer in a mail server's folder (lib/mail/pgbouncer-config.ts says why there is
 * one): started by startDovecot and startPostfix when Kontor runs on PostgreSQL, stopped with them.
 * As root it runs as the `postgres` user (`-u`; PgBouncer refuses to run as root), as Debian's package does.
 */

export const PGBOUNCER_INSTALL_HINT = "PgBouncer is not installed: apt-get install pgbouncer";

const ENV = childProcessEnv(["/usr/sbin", "/usr/bin", "/sbin"]);
const pidFile = (dir: string) => path.join(dir, "pgbouncer.pid");

export function pgbouncerInstalled(): boolean {
  const r = spawnSync("pgbouncer", ["--version"], { env: ENV, encoding: "utf8" });
  return !r.error && r.status === 0;
}

/** Stops the PgBouncer of this mail server folder, if any (bounded wait). */
export async function stopPgbouncer(mailServerDir: string): Promise<boolean> {
  const file = pidFile(pgbouncerDir(path.resolve(mailServerDir)));
  return await stopByPidFile("PgBouncer", file, () => {
    const pid = livePid(file);
    if (pid !== null) process.kill(pid, "SIGTERM");
  });
}

/** Writes the config (for PgBouncer's user alone), starts PgBouncer and waits for its socket. */
export async function startPgbouncer(mailServerDir: string, pg: PgConnection): Promise<number> {
  if (!pgbouncerInstalled()) throw new Error(PGBOUNCER_INSTALL_HINT);
  const abs = path.resolve(mailServerDir);
  const dir = pgbouncerDir(abs);
  await stopPgbouncer(abs);
  const { ini, authFile } = renderPgbouncerConfig(pg, abs);
  fs.mkdirSync(dir, { recursive: true });
  const iniFile = path.join(dir, "pgbouncer.ini");
  fs.writeFileSync(iniFile, ini, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, "users.txt"), authFile, { mode: 0o600 });
  const socket = path.join(dir, `.s.PGSQL.${PGBOUNCER_SOCKET_PORT}`);
  fs.rmSync(socket, { force: true });
  if (isRoot()) {
    const { uid, gid } = serverUserIds();
    for (const f of [dir, iniFile, path.join(dir, "users.txt")]) fs.chownSync(f, uid, gid);
  }
  fs.chmodSync(dir, 0o700);

  // -d: PgBouncer daemonises once its socket is bound; a bad config makes it exit non-zero first.
  const args = [...(isRoot() ? ["-u", SERVER_USER] : []), "-d", iniFile];
  const r = spawnSync("pgbouncer", args, { env: ENV, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 10_000 });
  const log = path.join(dir, "pgbouncer.log");
  if (r.error || r.status !== 0) {
    throw new Error(`pgbouncer ${args.join(" ")} failed (${r.error?.message ?? `exit ${String(r.status)}`}):\n${r.stderr}${logTail(log)}`);
  }
  const pid = await waitForPid(pidFile(dir));
  for (let i = 0; i < 50 && !fs.existsSync(socket); i++) await sleep(100);
  if (pid === null || !fs.existsSync(socket)) throw new Error(`PgBouncer did not open ${socket}:\n${logTail(log)}`);
  return pid;
}
