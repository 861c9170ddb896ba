import fs from "node:fs";

/**
 * Pid-file handling shared by the starters of Dovecot, Postfix and Roundcube (scripts/lib/*-process.ts):
 * each daemon writes its master's pid into a file of its own folder, and a stop must end exactly that
 * process, never another one by name. All waits are bounded.
 */

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The pid in `file` if that process is alive; null for a missing file, garbage, or a dead process. */
export function livePid(file: string): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(file, "utf8").trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 1) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/**
 * Stops the daemon of a pid file: first through its own command (`ask`, e.g. `postfix stop`), waiting
 * up to `timeoutMs` for the pid to go; if the command could not reach it (config removed?), SIGTERM to
 * exactly that pid. False when nothing was running.
 */
export async function stopByPidFile(name: string, file: string, ask: () => void, timeoutMs = 10_000): Promise<boolean> {
  const pid = livePid(file);
  if (pid === null) return false;
  ask();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (livePid(file) === null) return true;
    await sleep(100);
  }
  process.kill(pid, "SIGTERM");
  await sleep(500);
  if (livePid(file) !== null) throw new Error(`${name} (pid ${pid}) did not stop`);
  return true;
}

/** Polls for the pid a daemonising master writes a moment after it bound its listeners. */
export async function waitForPid(file: string, timeoutMs = 5_000): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  let pid = livePid(file);
  while (pid === null && Date.now() < deadline) {
    await sleep(50);
    pid = livePid(file);
  }
  return pid;
}

/** The last lines of a daemon's log, for an error message. */
export function logTail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
