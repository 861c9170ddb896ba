import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { livePid } from "@/scripts/lib/daemon-pid";
import { waitForPort } from "@/scripts/lib/dovecot-process";
import {
  phpString,
  renderRoundcubeMainConfig,
  renderRoundcubePasswordConfig,
  type RoundcubeConfigInput,
} from "@/lib/webmail/roundcube-config";

/**
 * Starts and stops Debian's Roundcube under `php -S` on loopback, with everything of ours under one
 * folder: config/ (read through RCMAIL_CONFIG_DIR instead of /etc/roundcube), plugins/ (Debian's
 * password plugin plus our driver, and our kontor plugin), db/, temp/, logs/ and public/ (the web
 * root). Two folders on two ports run side by side (tests and demo). All waits are bounded.
 */

/** Debian's install path (roundcube-core): index.php, program/, skins/, SQL/ below it. */
export const ROUNDCUBE_ROOT = "/var/lib/roundcube";
const DEBIAN_PLUGINS = "/usr/share/roundcube/plugins";
const DEBIAN_DEFAULTS = "/etc/roundcube/defaults.inc.php";
const OURS = path.join(process.cwd(), "roundcube");

export const INSTALL_HINT =
  "Roundcube is not installed: apt-get install roundcube-core roundcube-plugins roundcube-sqlite3 php-cli php-sqlite3 php-intl php-mbstring php-xml";

export type RoundcubeOptions = Omit<RoundcubeConfigInput, "dir" | "desKey"> & { dir: string; port: number };

export function roundcubeInstalled(): boolean {
  return fs.existsSync(path.join(ROUNDCUBE_ROOT, "index.php")) && spawnSync("php", ["-v"], { stdio: "ignore" }).status === 0;
}

const pidFile = (dir: string) => path.join(dir, "php.pid");

export function runningPid(dir: string): number | null {
  return livePid(pidFile(dir));
}

function link(target: string, at: string) {
  fs.rmSync(at, { recursive: true, force: true });
  fs.symlinkSync(target, at);
}

/**
 * plugins/: Debian's plugins (Roundcube requires some, e.g. filesystem_attachments), the password
 * plugin file by file with Debian's drivers plus ours (a plugin finds drivers only in its own folder)
 * and without its config file, so it reads config/password.inc.php; and our kontor plugin.
 */
function buildPlugins(dir: string) {
  const plugins = path.join(dir, "plugins");
  fs.rmSync(plugins, { recursive: true, force: true });
  fs.mkdirSync(plugins, { recursive: true });
  for (const entry of fs.readdirSync(DEBIAN_PLUGINS)) {
    if (entry !== "password") fs.symlinkSync(path.join(DEBIAN_PLUGINS, entry), path.join(plugins, entry));
  }
  const password = path.join(plugins, "password");
  fs.mkdirSync(path.join(password, "drivers"), { recursive: true });
  const debianPassword = path.join(DEBIAN_PLUGINS, "password");
  for (const entry of fs.readdirSync(debianPassword)) {
    if (entry === "drivers" || entry === "config.inc.php") continue;
    fs.symlinkSync(path.join(debianPassword, entry), path.join(password, entry));
  }
  for (const driver of fs.readdirSync(path.join(debianPassword, "drivers"))) {
    fs.symlinkSync(path.join(debianPassword, "drivers", driver), path.join(password, "drivers", driver));
  }
  link(path.join(OURS, "password-driver", "kontor.php"), path.join(password, "drivers", "kontor.php"));
  link(path.join(OURS, "plugins", "kontor"), path.join(plugins, "kontor"));
}

/** public/: the web root. index.php points Debian's Roundcube at our folders before it starts. */
function buildPublic(dir: string) {
  const pub = path.join(dir, "public");
  fs.rmSync(pub, { recursive: true, force: true });
  fs.mkdirSync(pub, { recursive: true });
  const q = phpString;
  fs.writeFileSync(
    path.join(pub, "index.php"),
    [
      "<?php",
      "// Written by Kontor's scripts/roundcube.ts: Debian's Roundcube with our config and plugin folders.",
      `define('INSTALL_PATH', ${q(`${ROUNDCUBE_ROOT}/`)});`,
      `define('RCMAIL_CONFIG_DIR', ${q(path.join(dir, "config"))});`,
      `define('RCUBE_PLUGINS_DIR', ${q(`${path.join(dir, "plugins")}/`)});`,
      "require INSTALL_PATH . 'index.php';",
      "",
    ].join("\n"),
  );
  fs.copyFileSync(path.join(OURS, "router.php"), path.join(pub, "router.php"));
  fs.mkdirSync(path.join(pub, "program"));
  link(path.join(ROUNDCUBE_ROOT, "program", "js"), path.join(pub, "program", "js"));
  link(path.join(ROUNDCUBE_ROOT, "program", "resources"), path.join(pub, "program", "resources"));
  link(path.join(ROUNDCUBE_ROOT, "skins"), path.join(pub, "skins"));
  link(path.join(dir, "plugins"), path.join(pub, "plugins"));
}

/** The DES key encrypts the session's IMAP password; kept across restarts so sessions survive. */
function desKey(dir: string): string {
  const file = path.join(dir, "config", ".des-key");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length === 24) return existing;
  } catch {
    /* first start */
  }
  const key = crypto.randomBytes(18).toString("base64");
  fs.writeFileSync(file, key, { mode: 0o600 });
  return key;
}

export function writeRoundcubeConfig(opts: RoundcubeOptions) {
  const dir = path.resolve(opts.dir);
  for (const sub of ["config", "db", "temp", "logs"]) fs.mkdirSync(path.join(dir, sub), { recursive: true, mode: 0o700 });
  const input: RoundcubeConfigInput = { ...opts, dir, desKey: desKey(dir) };
  const config = path.join(dir, "config");
  // Both files hold secrets (DES key, the shared secret with Kontor).
  fs.writeFileSync(path.join(config, "config.inc.php"), renderRoundcubeMainConfig(input), { mode: 0o600 });
  fs.writeFileSync(path.join(config, "password.inc.php"), renderRoundcubePasswordConfig(input), { mode: 0o600 });
  link(DEBIAN_DEFAULTS, path.join(config, "defaults.inc.php"));
  buildPlugins(dir);
  buildPublic(dir);
}

export async function stopRoundcube(dir: string): Promise<boolean> {
  const pid = runningPid(dir);
  if (pid === null) return false;
  // php -S with workers runs as a process group of its own (started detached): end the group.
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    process.kill(pid, "SIGTERM");
  }
  for (let i = 0; i < 50 && runningPid(dir) !== null; i++) await new Promise((r) => setTimeout(r, 100));
  fs.rmSync(pidFile(dir), { force: true });
  return true;
}

export async function startRoundcube(opts: RoundcubeOptions): Promise<{ pid: number; url: string }> {
  if (!roundcubeInstalled()) throw new Error(INSTALL_HINT);
  const dir = path.resolve(opts.dir);
  await stopRoundcube(dir);
  writeRoundcubeConfig({ ...opts, dir });
  const log = fs.openSync(path.join(dir, "logs", "php-server.log"), "a");
  const child = spawn(
    "php",
    [
      "-d",
      "display_errors=0",
      "-d",
      "log_errors=1",
      "-d",
      `error_log=${path.join(dir, "logs", "php-errors.log")}`,
      "-d",
      "session.auto_start=0",
      "-d",
      "zend.exception_ignore_args=1",
      "-S",
      `127.0.0.1:${opts.port}`,
      "-t",
      path.join(dir, "public"),
      path.join(dir, "public", "router.php"),
    ],
    {
      cwd: path.join(dir, "public"),
      detached: true,
      stdio: ["ignore", log, log],
      // A few workers, so the browser's parallel asset requests do not queue behind one PHP process.
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: "4" },
    },
  );
  fs.closeSync(log);
  if (!child.pid) throw new Error("php did not start");
  child.unref();
  fs.writeFileSync(pidFile(dir), String(child.pid));
  await waitForPort(opts.port, 10_000);
  const url = `http://127.0.0.1:${opts.port}/`;
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`Roundcube answered ${res.status}; see ${path.join(dir, "logs")}`);
  return { pid: child.pid, url };
}
