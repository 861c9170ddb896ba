/**
 * npm run bench:api: the API v1 scenarios of `npm run bench` alone (scripts/bench/api.ts), each next to
 * the anchors of the same run: the empty dynamic page (pages' budget: CPU ≤ 1.3 × it) and the login's
 * argon2id verify (a create's one argon2id hash). The data set is copied first, since the scenarios
 * write (a key, quotas, new mailboxes): the 1,000,000-mailbox file itself stays as it is. Prints the
 * load average before and after, as the machine is shared; writes bench/results/<stamp>-api.json.
 * Also reads every mailbox of the big domain with `kontor mailbox list --all` (scripts/bench/api-walk.ts).
 *   --data FILE   the data set to copy (default bench/large/kontor-large.db)
 *   --no-build    reuse the last build in .next-bench      --seconds N   shorter runs while developing
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { measureApi } from "./api";
import { measureFullWalk, type WalkResult } from "./api-walk";
import { prepareDataSet, workingCopy } from "./data-set";
import { type LoadResult, runLoad } from "./load";
import { loginSpec } from "./login-load";
import { buildUnlessReused, startBenchServer } from "./bench-server";
import { sessionCookie } from "./sessions";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const seconds = Number(option("--seconds")) || 15;
const source = path.resolve(option("--data") ?? "bench/large/kontor-large.db");

if (!fs.existsSync(source)) throw new Error(`${source} does not exist (npm run bench:generate makes it)`);
const copy = workingCopy(source);
const file = copy.file;
const loadBefore = os.loadavg();
try {
  const data = prepareDataSet(file);
  buildUnlessReused(args);
  const server = await startBenchServer(file);
  const pid = server.proc.pid ?? 0;
  try {
    const cookie = await sessionCookie(server.baseUrl, file, "user", data.bigDomainOwnerUserId);
    const empty = { name: "Anchor: empty dynamic page (same build)", url: `${server.baseUrl}/bench/empty`, cookie };
    if ((await fetch(empty.url, { headers: { cookie } })).status !== 200) throw new Error("empty page: not 200 before the run");
    await runLoad({ ...empty, seconds: Math.min(5, seconds) }, pid);
    const emptyPage = await runLoad({ ...empty, seconds }, pid);
    console.log(`  ${empty.name}: ${emptyPage.rps.toFixed(0)} req/s`);
    const api = await measureApi(server.baseUrl, file, pid, seconds);
    const walk = await measureFullWalk(server.baseUrl, file, pid);
    console.log(`  ${walk.name}: ${walk.seconds.toFixed(1)} s`);
    const login = await runLoad(await loginSpec(server.baseUrl, data.password, seconds), pid);
    console.log(`  ${login.name}: ${login.rps.toFixed(1)} req/s`);
    report(emptyPage, api, walk, login, loadBefore, os.loadavg());
  } finally {
    await server.stop();
  }
} finally {
  copy.remove();
}

function report(emptyPage: LoadResult, api: LoadResult[], walk: WalkResult, login: LoadResult, before: number[], after: number[]) {
  const rows = [emptyPage, ...api, login].map((r) => ({
    ...r,
    toEmptyPage: r.cpuMsPerRequest / emptyPage.cpuMsPerRequest,
    toLogin: r.cpuMsPerRequest / login.cpuMsPerRequest,
  }));
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  console.log(
    `\n${"scenario".padEnd(44)} ${pad("conns", 5)} ${pad("req/s", 8)} ${pad("p50", 5)} ${pad("p99", 5)} ${pad("cpu ms", 7)} ${pad("× empty", 8)} ${pad("× login", 8)} ${pad("errors", 6)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(44)} ${pad(r.connections, 5)} ${pad(r.rps.toFixed(1), 8)} ${pad(r.p50, 5)} ${pad(r.p99, 5)} ${pad(r.cpuMsPerRequest.toFixed(2), 7)} ${pad(r.toEmptyPage.toFixed(2), 8)} ${pad(r.toLogin.toFixed(2), 8)} ${pad(r.errors + r.non2xx, 6)}`,
    );
  }
  // The pages' budgets for the reads; writes are reported, their price is the fsync or the hash.
  const budgets = rows
    .filter((r) => r.name.startsWith("API:") && (r.name.includes("list") || r.name.includes("read")))
    .flatMap((r) => [
      { name: `${r.name}: ≥ 200 req/s, p99 ≤ 150 ms`, pass: r.rps >= 200 && r.p99 <= 150 && r.errors + r.non2xx === 0 },
      { name: `${r.name}: CPU ≤ 1.3 × empty page (${r.toEmptyPage.toFixed(2)} ×)`, pass: r.toEmptyPage <= 1.3 },
    ]);
  console.log(
    `\n${walk.name}:\n  ${walk.mailboxes} mailboxes in ${walk.pages} pages, ${walk.seconds.toFixed(1)} s (${walk.mailboxesPerSecond.toFixed(0)} mailboxes/s), ` +
      `server CPU ${walk.serverCpuMsPerPage.toFixed(2)} ms per page, CLI peak ${walk.cliPeakPssMb.toFixed(0)} MB PSS, every mailbox once and in order: ${walk.complete ? "yes" : "NO"}`,
  );
  budgets.push({ name: `${walk.name}: every mailbox exactly once, in order`, pass: walk.complete });
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
  console.log(`\nLoad average (1, 5, 15 min): before ${load(before)}, after ${load(after)} (${os.cpus().length} cores)`);
  for (const b of budgets) console.log(`${b.pass ? "PASS" : "FAIL"}  ${b.name}`);
  const at = new Date().toISOString();
  fs.mkdirSync("bench/results", { recursive: true });
  const out = path.join("bench/results", `${at.replace(/[:.]/g, "-")}-api.json`);
  fs.writeFileSync(out, JSON.stringify({ at, seconds, source, loadAverage: { before, after }, results: rows, walk, budgets }, null, 2));
  console.log(`Written ${out}`);
}
