/**
 * The production server: Next.js in worker processes (node:cluster), all accepting on one port, one
 * worker per core: a single Node process renders on one core only. Password hashing runs on
 * low-priority threads inside each worker (lib/auth/hash-pool.ts), so a login storm takes the CPU
 * that pages leave over; the workers share the cores out for it through KONTOR_HASH_SLOTS.
 * Everything shared (sessions, throttles, one-time secrets) lives in SQLite, so any worker can answer
 * any request. A worker that dies is replaced.
 *
 * V8 grows a busy process's heap far beyond what it needs before collecting; each worker's old
 * space is capped (KONTOR_WORKER_HEAP_MB, default 256; the live heap is ~50 MB, 128 gained nothing).
 * The young generation (KONTOR_WORKER_SEMI_MB, default 8) decides how often a page's short-lived
 * objects are collected: 4 spent ~17 % of the CPU in GC, 16 rendered ~10 % more pages than 4 but
 * took ~50 MB more memory on two workers, which broke the 400 MB budget (README, Performance).
 *
 *   node scripts/serve.mjs [--host 127.0.0.1] [--port 3000] [--workers <n, default: one per core>]
 * Options override HOST, PORT and KONTOR_WORKERS. Every setting is checked here, before any worker
 * starts (lib/config/settings.mjs, in a process of its own: scripts/check-server-settings.mjs): a wrong
 * one stops the server with a message naming it.
 */
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import http from "node:http";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { applyCsp } from "../lib/security/csp.mjs";
import { guardAction } from "../lib/security/action-guard.mjs";
import { applySocketAddress, markSocketAddressHeader } from "../lib/security/socket-address.mjs";
import { serveHashSlots } from "./hash-slots-primary.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const cores = os.availableParallelism();
// The command line's values go through the same checks as the environment's.
const environment = {
  ...process.env,
  NODE_ENV: "production",
  HOST: option("host", process.env.HOST),
  PORT: option("port", process.env.PORT),
  KONTOR_WORKERS: option("workers", process.env.KONTOR_WORKERS),
};

/** The primary's settings, checked in a process of its own (scripts/check-server-settings.mjs). */
function checkedSettings() {
  const check = fileURLToPath(new URL("./check-server-settings.mjs", import.meta.url));
  const result = spawnSync(process.execPath, [check], { env: environment, encoding: "utf8" });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    process.exit(1);
  }
  return JSON.parse(result.stdout);
}

if (cluster.isPrimary) {
  const settings = checkedSettings();
  const { host, port } = settings;
  const workers = settings.workers ?? cores;
  // Hash threads run at low priority (lib/auth/hash-pool.ts), so together they may use every core.
  const hashSlots = String(Math.max(1, Math.floor(cores / workers)));
  const { workerHeapMb, workerSemiMb } = settings;
  cluster.setupPrimary({
    execArgv: [...process.execArgv, `--max-old-space-size=${workerHeapMb}`, `--max-semi-space-size=${workerSemiMb}`],
  });
  // glibc gives every thread that allocates its own malloc arena and keeps freed memory in each; the
  // hash threads would hold on to argon2's 19 MiB blocks that way. Two arenas are plenty here.
  // (MALLOC_ARENA_MAX is glibc's own variable, passed through, not a Kontor setting.)
  // The forward token is shared by the workers only, so a request Next forwards to this server keeps
  // the visitor's address (lib/security/socket-address.mjs).
  const forwardToken = randomBytes(32).toString("base64url");
  const fork = () =>
    cluster.fork({
      KONTOR_FORWARD_TOKEN: forwardToken,
      KONTOR_HASH_SLOTS: String(settings.hashSlots ?? hashSlots),
      KONTOR_CLUSTER_HASH: "1",
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2",
    });
  for (let i = 0; i < workers; i++) fork();
  serveHashSlots(cluster, Math.max(1, cores - 1));
  let stopping = false;
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    setTimeout(fork, 1000);
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  console.log(`Kontor listening on http://${host}:${port} with ${workers} worker(s)`);
} else {
  // Checked by the primary already; the workers load the settings module anyway (next.config.mjs).
  const { parseSettings } = await import("../lib/config/settings.mjs");
  const settings = parseSettings(environment);
  const { host, port } = settings.server;
  process.env.NODE_ENV = "production";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), hostname: host, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Only this server sees the socket; the app reads the peer address from a header set here, after
  // removing any copy the client sent (see socket-address.mjs).
  markSocketAddressHeader();
  const forwardToken = settings.server.forwardToken ?? randomBytes(32).toString("base64url");
  http
    .createServer((req, res) => {
      // The CSP nonce is set here rather than in proxy.ts: see applyCsp.
      applyCsp(req, res);
      applySocketAddress(req, forwardToken);
      // Action requests Next would answer with a 500 get their 4xx here (see action-guard.mjs).
      guardAction(req, res, () => handle(req, res));
    })
    .listen(port, host);
  process.on("SIGTERM", () => process.exit(0));
}
