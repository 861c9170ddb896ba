/**
 * npm run bench: builds for production, starts the panel on a copy of the 1,000,000-mailbox data set and
 * measures the heavy pages with autocannon (10 connections, 15 s each, after 5 s of warm-up per page
 * that is not counted: the first requests of a fresh process run unoptimised code), the login and the
 * password change, the prefix search query, a login storm, and mail logins through Dovecot. Each
 * scenario is reported next to an anchor measured in the same run, as a ratio (this machine's absolute
 * figures move 10–15 % between runs): pages against an empty dynamic page of the same build
 * (/bench/empty), their CPU taken from five rounds of short slices of every page and the empty page in
 * turn (interleaved.ts), and against a plain node:http + better-sqlite3 server answering the same
 * address page (floor-server.ts); password paths against one bare argon2id hash and verify (password-paths.ts);
 * Kontor's Dovecot against the same Dovecot with a static passdb (mail-logins.ts). Prints a table and
 * writes bench/results/<stamp>.json.
 *   --no-build   reuse the last build in .next-bench      --seconds N   shorter runs while developing
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type LoadResult, type LoadSpec, runLoad } from "./load";
import { cpuPerRequest, measureInSlices, serverTarget, SLICE_ROUNDS } from "./interleaved";
import { measureMailLoginsApart } from "./mail-logins";
import { measureApi } from "./api";
import { waitForPort } from "@/scripts/lib/dovecot-process";
import { prepareDataSet, workingCopy } from "./data-set";
import { loginSpec } from "./login-load";
import { measurePrefixQuery } from "./prefix-query";
import { passwordChangeLoad } from "./password-change";
import { peakMemoryMb, sampleMemory } from "./server";
import { BENCH_PORT, buildUnlessReused, startBenchServer } from "./bench-server";
import { sessionCookie } from "./sessions";
import { printReport, type Budget } from "./report";
import type { PathResult } from "./password-paths-types";

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf("--seconds") + 1]) || 15;
const PORT = BENCH_PORT;
const PANEL = "panel";

// The scenarios write (keys, quotas, created mailboxes, password hashes): they run on a copy.
const copy = workingCopy(path.resolve("bench/large/kontor-large.db"));
const data = prepareDataSet(copy.file);
buildUnlessReused(args);
const server = await startBenchServer(data.file);
const base = server.baseUrl;
const pid = server.proc.pid ?? 0;
const memory = sampleMemory(pid);
const results: LoadResult[] = [];
try {
  const customerBig = await sessionCookie(base, data.file, "user", data.bigCustomerUserId);
  const domainOwner = await sessionCookie(base, data.file, "user", data.bigDomainOwnerUserId);
  const support = await sessionCookie(base, data.file, "user", data.supportUserId);
  const reseller = await sessionCookie(base, data.file, "user", data.resellerUserId);
  const pages: LoadSpec[] = [
    { name: "Plesk address list, 200k domain, first page", url: `${base}/panel/${data.bigSubscriptionId}/mail`, cookie: domainOwner },
    {
      name: "Plesk address list, 200k domain, deep page",
      url: `${base}/panel/${data.bigSubscriptionId}/mail?after=${encodeURIComponent(data.deepCursor)}`,
      cookie: domainOwner,
    },
    { name: "Support search, address prefix", url: `${base}/support/mailboxes?q=${encodeURIComponent(data.prefix)}`, cookie: support },
    { name: "Domainverwaltung, 1,000 domains", url: `${base}/ksc/domains`, cookie: customerBig },
    { name: "Reseller customer list", url: `${base}/reseller/customers`, cookie: reseller },
    { name: "Mailbox record (support)", url: `${base}/support/mailboxes/${data.recordMailboxId}`, cookie: support },
  ];
  // Warm-up, not counted: a fresh worker runs unoptimised code for its first few thousand requests.
  memory.phase("Warm-up");
  for (const spec of pages) {
    const check = await fetch(spec.url, { headers: { cookie: spec.cookie ?? "" }, redirect: "manual" });
    if (check.status !== 200) console.warn(`! ${spec.name}: HTTP ${check.status} before the run`);
    await runLoad({ ...spec, seconds: Math.min(5, seconds) }, pid);
  }
  // The anchors of the pages, in the same window: the empty page first, the floor after the pages.
  const emptySpec: LoadSpec = { name: "Anchor: empty dynamic page (same build)", url: `${base}/bench/empty`, cookie: domainOwner };
  const emptyCheck = await fetch(emptySpec.url, { headers: { cookie: domainOwner } });
  if (emptyCheck.status !== 200) console.warn(`! empty page: HTTP ${emptyCheck.status}`);
  await runLoad({ ...emptySpec, seconds: Math.min(5, seconds) }, pid);
  memory.phase(emptySpec.name);
  const emptyPage = await runLoad({ ...emptySpec, seconds }, pid);
  console.log(`  ${emptySpec.name}: ${emptyPage.rps.toFixed(0)} req/s`);
  for (const spec of pages) {
    memory.phase(spec.name);
    results.push(await runLoad({ ...spec, seconds }, pid));
    console.log(`  ${spec.name}: ${results.at(-1)?.rps.toFixed(0) ?? "?"} req/s`);
  }
  // The CPU ratios: the empty page and every page again in short slices taken in turn, so that the
  // machine's drifting load meets the anchor and the pages alike (interleaved.ts).
  memory.phase("CPU slices");
  const sliced = [emptySpec, ...pages];
  const slices = await measureInSlices({
    pages: sliced.map((spec) => spec.name),
    targets: [serverTarget(PANEL, pid, (name) => sliced.find((spec) => spec.name === name))],
    rounds: SLICE_ROUNDS,
    seconds: Math.max(1, Math.round(seconds / SLICE_ROUNDS)),
  });
  const emptySliced = cpuPerRequest(slices, PANEL, emptySpec.name) ?? emptyPage.cpuMsPerRequest;
  const floor = await floorAnchor(data.file, data.bigSubscriptionId, seconds);
  console.log(`  ${floor.name}: ${floor.rps.toFixed(0)} req/s`);

  // API v1 over HTTP (api.ts), in the same window as the empty-page anchor above.
  memory.phase("API v1");
  const api = await measureApi(base, data.file, pid, seconds);
  results.push(...api);

  const login = await loginSpec(base, data.password, seconds);
  memory.phase(login.name);
  results.push(await runLoad(login, pid));

  const change = await passwordChangeLoad(base, data.file, domainOwner, data.bigSubscriptionId, data.changeMailboxIds);
  const changesBefore = change.changesSoFar();
  memory.phase(change.spec.name);
  const changed = await runLoad({ ...change.spec, seconds }, pid);
  const changes = change.changesSoFar() - changesBefore;
  results.push(changed);
  // Requests still in flight when the run ends complete afterwards, so there may be a few more changes.
  if (changes < changed.requests - changed.connections)
    console.warn(`! password change: ${changed.requests} requests but only ${changes} passwords changed`);

  // Login storm: 20 parallel logins while a page is measured at 2 connections.
  memory.phase("Login storm");
  const [storm, pageDuringStorm] = await Promise.all([
    runLoad({ ...login, name: "Login storm (20 parallel)", connections: 20 }, pid),
    runLoad({ ...pages[3], name: "Domainverwaltung during login storm", connections: 2, seconds }, pid),
  ]);
  results.push(storm, pageDuringStorm);

  memory.phase("Prefix query, password paths and mail logins");
  const prefix = measurePrefixQuery(data.file);
  const passwordPaths = measurePasswordPaths(data.file);
  const mail = measureMailLoginsApart(seconds, { data: data.file });
  const peak = memory.stop();
  const hwmSum = peakMemoryMb(pid);
  const pageRatios = results.slice(0, pages.length).map((r) => {
    const cpuMsPerRequest = cpuPerRequest(slices, PANEL, r.name) ?? r.cpuMsPerRequest;
    return {
      name: r.name,
      cpuMsPerRequest,
      toEmptyPage: cpuMsPerRequest / emptySliced,
      toFloor: cpuMsPerRequest / floor.cpuMsPerRequest,
      // What the page's own 15 s run gave against the empty page's, measured minutes apart.
      sequential: { cpuMsPerRequest: r.cpuMsPerRequest, toEmptyPage: r.cpuMsPerRequest / emptyPage.cpuMsPerRequest },
    };
  });
  const budgets: Budget[] = [
    ...results
      .slice(0, pages.length)
      .map((r) => ({ name: `${r.name}: ≥ 200 req/s, p99 ≤ 150 ms`, pass: r.rps >= 200 && r.p99 <= 150 && r.non2xx === 0 })),
    ...pageRatios.map((r) => ({ name: `${r.name}: CPU ≤ 1.3 × empty page (${r.toEmptyPage.toFixed(2)} ×)`, pass: r.toEmptyPage <= 1.3 })),
    ...("skipped" in mail
      ? []
      : [
          {
            name: `Repeated IMAP logins ≥ 1,000/s (${mail.imapRepeated.perSecond.toFixed(0)}/s)`,
            pass: mail.imapRepeated.perSecond >= 1000 && mail.imapRepeated.failures === 0,
          },
          { name: `Repeated IMAP logins ≥ 80 % of a static passdb (${(mail.imapRatio * 100).toFixed(0)} %)`, pass: mail.imapRatio >= 0.8 },
        ]),
    ...api
      .filter((r) => r.name.includes("list") || r.name.includes("read"))
      .map((r) => ({ name: `${r.name}: ≥ 200 req/s, p99 ≤ 150 ms`, pass: r.rps >= 200 && r.p99 <= 150 && r.non2xx === 0 })),
    { name: `Prefix search query ≤ 5 ms (p99 ${prefix.p99Ms.toFixed(3)} ms)`, pass: prefix.p99Ms <= 5 },
    { name: `Peak server memory ≤ 400 MB (${peak.peakPssMb.toFixed(0)} MB PSS)`, pass: peak.peakPssMb <= 400 },
    { name: `Page p99 during login storm < 300 ms (${pageDuringStorm.p99} ms)`, pass: pageDuringStorm.p99 < 300 },
  ];
  const report = {
    at: new Date().toISOString(),
    seconds,
    machine: `${(await import("node:os")).cpus().length} cores`,
    results,
    anchors: { emptyPage, floor },
    slices: { rounds: SLICE_ROUNDS, emptyPageCpuMsPerRequest: emptySliced, sums: Object.fromEntries(slices.get(PANEL) ?? []) },
    pageRatios,
    apiRatios: api.map((r) => ({
      name: r.name,
      cpuMsPerRequest: r.cpuMsPerRequest,
      toEmptyPage: r.cpuMsPerRequest / emptyPage.cpuMsPerRequest,
    })),
    prefix,
    passwordPaths,
    mail,
    peakMemoryMb: peak.peakPssMb,
    memory: { ...peak, vmHwmSumMb: hwmSum },
    passwordChanges: changes,
    budgets,
  };
  fs.mkdirSync("bench/results", { recursive: true });
  const out = path.join("bench/results", `${report.at.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(out, JSON.stringify(report, null, 2));
  printReport(report);
  console.log(`\nWritten ${out}`);
} finally {
  await server.stop();
  copy.remove();
}

/** The floor: node:http + better-sqlite3 answering the address page's first page (floor-server.ts). */
async function floorAnchor(file: string, subscriptionId: number, seconds: number): Promise<LoadResult> {
  const port = PORT + 1;
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/bench/floor-server.ts", file, String(port)], { stdio: "inherit" });
  try {
    await waitForPort(port, 15_000);
    const spec: LoadSpec = {
      name: "Anchor: node:http + better-sqlite3, 50 rows",
      url: `http://127.0.0.1:${port}/panel/${subscriptionId}/mail`,
    };
    await runLoad({ ...spec, seconds: Math.min(5, seconds) }, proc.pid ?? 0);
    return await runLoad({ ...spec, seconds }, proc.pid ?? 0);
  } finally {
    proc.kill("SIGTERM");
  }
}

/** argon2 operations and CPU per password path, in a process of their own (password-paths.ts). */
function measurePasswordPaths(file: string): Record<string, PathResult> {
  const out = execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/bench/password-paths.ts", file], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Record<string, PathResult>;
}
