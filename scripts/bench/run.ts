/**
 * npm run bench: builds for production, starts the panel on the 1,000,000-mailbox data set and
 * measures the heavy pages with autocannon (10 connections, 15 s each, after 5 s of warm-up per page
 * that is not counted: the first requests of a fresh process run unoptimised code), the login and the
 * password change, the prefix search query, a login storm, and Dovecot passdb logins. Prints a
 * table and writes bench/results/<stamp>.json.
 *   --no-build   reuse the last build in .next-bench      --seconds N   shorter runs while developing
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type LoadResult, type LoadSpec, runLoad } from "./load";
import { measureDovecotLogins } from "./dovecot-logins";
import { prepareDataSet } from "./data-set";
import { formFields, multipart } from "./form-post";
import { measurePrefixQuery } from "./prefix-query";
import { passwordChangeLoad } from "./password-change";
import { peakMemoryMb, sampleMemory, startServer } from "./server";
import { sessionCookie } from "./sessions";
import { printReport, type Budget } from "./report";

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf("--seconds") + 1]) || 15;
const DIST = ".next-bench";
const PORT = Number(process.env.KONTOR_BENCH_PORT) || 3390;

const data = prepareDataSet(path.resolve("bench/large/kontor-large.db"));
if (!args.includes("--no-build")) {
  console.log("Building for production …");
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
}
const server = await startServer(
  {
    NEXT_DIST_DIR: DIST,
    KONTOR_DB: data.file,
    AUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
    AUTH_URL: `http://127.0.0.1:${PORT}`,
    NODE_ENV: "production",
  },
  PORT,
);
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
  for (const spec of pages) {
    memory.phase(spec.name);
    results.push(await runLoad({ ...spec, seconds }, pid));
    console.log(`  ${spec.name}: ${results.at(-1)?.rps.toFixed(0) ?? "?"} req/s`);
  }

  const loginForm = multipart({
    ...(await formFields(`${base}/login`, undefined, 'name="identifier"')),
    identifier: "kunde@kontor.example",
    password: data.password,
    area: "ksc",
  });
  const login: LoadSpec = {
    name: "Login (argon2id verify)",
    url: `${base}/login`,
    method: "POST",
    body: loginForm.body,
    headers: { "content-type": loginForm.contentType, origin: base },
    okStatus: [303],
    seconds,
  };
  memory.phase(login.name);
  results.push(await runLoad(login, pid));

  const change = await passwordChangeLoad(base, data.file, domainOwner, data.bigSubscriptionId, data.changeMailboxIds);
  const changesBefore = change.changesSoFar();
  memory.phase(change.spec.name);
  const changed = await runLoad({ ...change.spec, seconds }, pid);
  const changes = change.changesSoFar() - changesBefore;
  results.push(changed);
  // Requests still in flight when the run ends complete afterwards, so there may be a few more changes.
  // Each connection's first request may repeat the password an earlier run left on its mailbox,
  // which the form refuses ("not the same as now"): at most one per connection.
  if (changes < changed.requests - changed.connections)
    console.warn(`! password change: ${changed.requests} requests but only ${changes} passwords changed`);

  // Login storm: 20 parallel logins while a page is measured at 2 connections.
  memory.phase("Login storm");
  const [storm, pageDuringStorm] = await Promise.all([
    runLoad({ ...login, name: "Login storm (20 parallel)", connections: 20 }, pid),
    runLoad({ ...pages[3], name: "Domainverwaltung during login storm", connections: 2, seconds }, pid),
  ]);
  results.push(storm, pageDuringStorm);

  memory.phase("Prefix query and Dovecot");
  const prefix = measurePrefixQuery(data.file);
  const dovecot = await measureDovecotLogins(data.file, Math.min(seconds, 10));
  const peak = memory.stop();
  const hwmSum = peakMemoryMb(pid);
  const budgets: Budget[] = [
    ...results
      .slice(0, pages.length)
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
    prefix,
    dovecot,
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
}
