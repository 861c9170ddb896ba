/**
 * npm run bench:memory -- [--data FILE] [--seconds N]: where the production server's memory goes, per
 * process and per kind, through the benchmark's pages, the API and a login storm (the phase that set the peak in
 * `npm run bench`). Starts the last benchmark build (.next-bench) on a working copy of the data set and
 * samples every process's smaps_rollup every 250 ms: PSS split into anonymous memory (heaps, argon2's
 * blocks) and file pages (the Node binary, shared libraries), and the thread count (hash threads).
 * Extra server settings go in through the environment (KONTOR_WORKER_HEAP_MB, MALLOC_* …).
 */
import fs from "node:fs";
import path from "node:path";
import { prepareDataSet, workingCopy } from "./data-set";
import { measureApi } from "./api";
import { runLoad } from "./load";
import { loginSpec } from "./login-load";
import { BENCH_AUTH_SECRET, benchServerEnv, processTree, startServer } from "./server";
import { sessionCookie } from "./sessions";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const seconds = Number(option("seconds")) || 8;
const PORT = Number(process.env.KONTOR_BENCH_PORT) || 3396;
const copy = workingCopy(path.resolve(option("data") ?? "bench/large/kontor-large.db"));
const data = prepareDataSet(copy.file);

type Sample = { pss: number; anon: number; file: number; threads: number };
const read = (pid: number): Sample | undefined => {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(rollup)?.[1] ?? 0) / 1024;
    const threads = Number(/^Threads:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    return { pss: kb("Pss"), anon: kb("Pss_Anon"), file: kb("Pss_File"), threads };
  } catch {
    return undefined;
  }
};

// measureApi makes its API key in this process; the server accepts only an HMAC under its own secret.
process.env.AUTH_SECRET = BENCH_AUTH_SECRET;
const server = await startServer(
  {
    ...benchServerEnv(PORT),
    KONTOR_DB: data.file,
    // As in `npm run bench`: the API phase measures requests, not the per-key limit.
    KONTOR_API_RATE_LIMIT: "999999",
  },
  PORT,
);
const root = server.proc.pid ?? 0;
let phase = "start";
const peaks = new Map<string, { total: number; at: Map<number, Sample> }>();
const sample = () => {
  const at = new Map<number, Sample>();
  for (const pid of processTree(root)) {
    const s = read(pid);
    if (s) at.set(pid, s);
  }
  const total = [...at.values()].reduce((n, s) => n + s.pss, 0);
  if (total > (peaks.get(phase)?.total ?? 0)) peaks.set(phase, { total, at });
};
const timer = setInterval(sample, 250);
const enter = (name: string) => {
  sample();
  phase = name;
};
try {
  sample();
  const base = server.baseUrl;
  const who = [data.bigDomainOwnerUserId, data.supportUserId, data.bigCustomerUserId, data.resellerUserId];
  const [owner, support, customer, reseller] = await Promise.all(who.map((id) => sessionCookie(base, data.file, "user", id)));
  const pages = [
    { name: "plesk", url: `${base}/panel/${data.bigSubscriptionId}/mail`, cookie: owner },
    { name: "support", url: `${base}/support/mailboxes?q=${encodeURIComponent(data.prefix)}`, cookie: support },
    { name: "domains", url: `${base}/ksc/domains`, cookie: customer },
    { name: "customers", url: `${base}/reseller/customers`, cookie: reseller },
    { name: "record", url: `${base}/support/mailboxes/${data.recordMailboxId}`, cookie: support },
  ];
  enter("pages");
  for (const spec of pages) await runLoad({ ...spec, seconds }, root);
  // As in `npm run bench`: pages of 100 as JSON, writes, and mailbox creation with an argon2 hash each.
  enter("api");
  await measureApi(base, data.file, root, seconds);
  const login = await loginSpec(base, data.password);
  enter("login storm");
  const [storm] = await Promise.all([
    runLoad({ ...login, name: "storm", connections: 20, seconds }, root),
    runLoad({ ...pages[2], connections: 2, seconds }, root),
  ]);
  console.log(`login storm: ${storm.rps.toFixed(1)} logins/s, p99 ${storm.p99} ms, non-2xx ${storm.non2xx}`);
  enter("after");
  await new Promise((r) => setTimeout(r, 3000));
  sample();
} finally {
  clearInterval(timer);
  await server.stop();
  copy.remove();
}
for (const [name, { total, at }] of peaks) {
  console.log(`${name}: peak ${total.toFixed(0)} MB PSS`);
  for (const [pid, s] of at)
    console.log(
      `  ${pid === root ? "primary" : `pid ${pid}`}: PSS ${s.pss.toFixed(0)} MB (anon ${s.anon.toFixed(0)}, file ${s.file.toFixed(0)}), ${s.threads} threads`,
    );
}
