/**
 * npm run bench:pg: the benchmark's page, login and password-change scenarios on PostgreSQL (issue 23),
 * with the same 1,000,000-mailbox data set, measured in one window in three configurations:
 *   sqlite     one instance on the SQLite file (the anchor: what `npm run bench` measures);
 *   pg × 1     one instance on PostgreSQL;
 *   pg × 2     two instances on the same PostgreSQL, the load split evenly between them (as behind a
 *              load balancer), one worker each so that all three use the machine's two cores alike.
 * The data set is copied once with db:copy into a cluster of its own (bench/large/postgres, port
 * KONTOR_BENCH_PG_PORT or 15532) and reused while the SQLite file is unchanged. CPU per request counts
 * the panel's processes and, on PostgreSQL, the database server's (SQLite runs inside the panel); each
 * page's ratio to the empty page comes from slices of every page in turn (interleaved.ts).
 * Also: the support search's prefix query on PostgreSQL, and mail logins with Dovecot reading
 * PostgreSQL (Lua passdb over lua-dbi-postgresql). Peak memory (PSS) of the panel's processes, all
 * instances together, against the 400 MB budget of `npm run bench`, and the database server's beside it.
 * Writes bench/results/<stamp>-postgres.json.
 *   --no-build   reuse the last build in .next-bench      --seconds N   shorter runs while developing
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { prepareDataSet } from "./data-set";
import { type LoadResult, type LoadSpec, runLoad } from "./load";
import { cpuPerRequest, measureInSlices, SLICE_ROUNDS } from "./interleaved";
import { measureMailLoginsApart } from "./mail-logins";
import { passwordChangeLoad } from "./password-change";
import { loginSpec } from "./login-load";
import { BENCH_AUTH_SECRET, benchServerEnv, cpuSeconds, sampleMemory, startServer, type ServerHandle } from "./server";
import { sessionCookie } from "./sessions";
import { startBenchPostgres } from "./postgres-data-set";

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf("--seconds") + 1]) || 15;
const DIST = ".next-bench";
const PORT = Number(process.env.KONTOR_BENCH_PORT) || 3390;
const PG_PORT = Number(process.env.KONTOR_BENCH_PG_PORT) || 15532;
const AUTH_SECRET = BENCH_AUTH_SECRET;

const data = prepareDataSet(path.resolve("bench/large/kontor-large.db"));
const cluster = await startBenchPostgres(data.file, PG_PORT);
if (!args.includes("--no-build")) {
  console.log("Building for production …");
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1", AUTH_SECRET },
    stdio: "ignore",
  });
}

type Config = { name: string; database: string; instances: number };
type Measured = LoadResult & { dbCpuMsPerRequest: number };
/** Peak PSS of the panel's processes (per scenario too) and of the database server's (PostgreSQL only). */
type MemoryPeaks = { panelPeakPssMb: number; panelPeakPssMbByScenario: Record<string, number>; databasePeakPssMb?: number };
const MEMORY_BUDGET_MB = 400;
const configs: Config[] = [
  { name: "sqlite", database: data.file, instances: 1 },
  { name: "pg × 1", database: cluster.url, instances: 1 },
  { name: "pg × 2", database: cluster.url, instances: 2 },
];
const results: Record<
  string,
  {
    empty: Measured;
    pages: Measured[];
    slices: { name: string; cpuMsPerRequest: number; toEmptyPage: number }[];
    login: Measured;
    change: Measured;
    changes: number;
    memory: MemoryPeaks;
  }
> = {};
for (const config of configs) {
  console.log(`\n${config.name}`);
  results[config.name] = await measureConfig(config);
}
const prefix = await measurePrefixQueryPg(cluster.url);
const mail = measureMailLoginsApart(seconds, { data: data.file, databaseUrl: cluster.url });

const report = { at: new Date().toISOString(), seconds, machine: `${os.availableParallelism()} cores`, results, prefix, mail };
fs.mkdirSync("bench/results", { recursive: true });
const out = path.join("bench/results", `${report.at.replace(/[:.]/g, "-")}-postgres.json`);
fs.writeFileSync(out, JSON.stringify(report, null, 2));
printSummary();
console.log(`\nWritten ${out}`);

async function startInstances(config: Config): Promise<ServerHandle[]> {
  const env = (port: number) => ({
    ...benchServerEnv(port, DIST),
    ...(config.database.startsWith("postgres") ? { KONTOR_DATABASE_URL: config.database } : { KONTOR_DB: config.database }),
    // Two instances share the two cores: one worker each, as one instance has one per core.
    ...(config.instances > 1 ? { KONTOR_WORKERS: "1" } : {}),
  });
  const ports = Array.from({ length: config.instances }, (_, i) => PORT + 10 + i * 2);
  return Promise.all(ports.map((port) => startServer(env(port), port)));
}

async function measureConfig(config: Config) {
  const servers = await startInstances(config);
  const onPostgres = config.database.startsWith("postgres");
  const memory = sampleMemory(servers.map((s) => s.proc.pid ?? 0));
  const databaseMemory = onPostgres ? sampleMemory(cluster.pid) : null;
  const phase = (name: string) => {
    memory.phase(name);
    databaseMemory?.phase(name);
  };
  try {
    const cookie = async (id: number) => Promise.all(servers.map((s) => sessionCookie(s.baseUrl, config.database, "user", id)));
    const domainOwner = await cookie(data.bigDomainOwnerUserId);
    const customerBig = await cookie(data.bigCustomerUserId);
    const support = await cookie(data.supportUserId);
    const reseller = await cookie(data.resellerUserId);
    const deep = `?after=${encodeURIComponent(data.deepCursor)}`;
    const pages: [string, string, string[]][] = [
      ["Plesk address list, 200k domain, first page", `/panel/${data.bigSubscriptionId}/mail`, domainOwner],
      ["Plesk address list, 200k domain, deep page", `/panel/${data.bigSubscriptionId}/mail${deep}`, domainOwner],
      ["Support search, address prefix", `/support/mailboxes?q=${encodeURIComponent(data.prefix)}`, support],
      ["Domainverwaltung, 1,000 domains", "/ksc/domains", customerBig],
      ["Reseller customer list", "/reseller/customers", reseller],
      ["Mailbox record (support)", `/support/mailboxes/${data.recordMailboxId}`, support],
    ];
    const specs = (name: string, pathname: string, cookies: string[]): LoadSpec[] =>
      servers.map((s, i) => ({ name, url: `${s.baseUrl}${pathname}`, cookie: cookies[i], connections: 10 / servers.length }));
    for (const [name, pathname, cookies] of pages) {
      const status = (await fetch(`${servers[0].baseUrl}${pathname}`, { headers: { cookie: cookies[0] }, redirect: "manual" })).status;
      if (status !== 200) console.warn(`! ${name}: HTTP ${status} before the run`);
      await measureSplit(specs(name, pathname, cookies), Math.min(5, seconds));
    }
    const emptySpecs = specs("Anchor: empty dynamic page (same build)", "/bench/empty", domainOwner);
    await measureSplit(emptySpecs, Math.min(5, seconds));
    phase(emptySpecs[0].name);
    const empty = await measureSplit(emptySpecs, seconds);
    printLine(empty);
    const measuredPages: Measured[] = [];
    for (const [name, pathname, cookies] of pages) {
      phase(name);
      measuredPages.push(await measureSplit(specs(name, pathname, cookies), seconds));
      printLine(measuredPages[measuredPages.length - 1]);
    }
    // The CPU ratios (panel and database server together) from slices of every page and the empty
    // page in turn, so that the machine's drifting load meets them alike (interleaved.ts).
    phase("CPU slices");
    const sliced: [string, string, string[]][] = [[empty.name, "/bench/empty", domainOwner], ...pages];
    const sums = await measureInSlices({
      pages: sliced.map(([name]) => name),
      targets: [
        {
          key: config.name,
          load: async (page, secs) => {
            const found = sliced.find(([name]) => name === page);
            if (!found) return undefined;
            const m = await measureSplit(specs(...found), secs);
            return { cpuMs: (m.cpuMsPerRequest + m.dbCpuMsPerRequest) * m.requests, requests: m.requests, non2xx: m.non2xx + m.errors };
          },
        },
      ],
      rounds: SLICE_ROUNDS,
      seconds: Math.max(1, Math.round(seconds / SLICE_ROUNDS)),
    });
    const emptySliced = cpuPerRequest(sums, config.name, empty.name) ?? 0;
    const slices = pages.map(([name]) => {
      const cpuMsPerRequest = cpuPerRequest(sums, config.name, name) ?? 0;
      return { name, cpuMsPerRequest, toEmptyPage: emptySliced ? cpuMsPerRequest / emptySliced : 0 };
    });
    console.log(`  CPU per request, panel + database, in slices (empty page ${emptySliced.toFixed(2)} ms):`);
    for (const x of slices)
      console.log(`    ${x.name.padEnd(44)} ${x.cpuMsPerRequest.toFixed(2).padStart(6)} ms  ${x.toEmptyPage.toFixed(2)} × empty`);
    phase("Login (argon2id verify)");
    const login = await measureSplit(await Promise.all(servers.map((s) => shareOfLogin(s.baseUrl, servers.length))), seconds);
    printLine(login);
    // The password change runs against the first instance only: its ten connections own ten mailboxes.
    const change = await passwordChangeLoad(servers[0].baseUrl, data.file, domainOwner[0], data.bigSubscriptionId, data.changeMailboxIds);
    const before = await passwordChanges(config.database);
    phase("Password change (Plesk panel)");
    const changed = await measureSplit([{ ...change.spec }], seconds, [servers[0]]);
    const changes = (await passwordChanges(config.database)) - before;
    printLine(changed);
    const panel = memory.stop();
    const peaks: MemoryPeaks = {
      panelPeakPssMb: Math.round(panel.peakPssMb),
      panelPeakPssMbByScenario: panel.peakPssMbByScenario,
      ...(databaseMemory ? { databasePeakPssMb: Math.round(databaseMemory.stop().peakPssMb) } : {}),
    };
    const database = peaks.databasePeakPssMb === undefined ? "" : `, database server ${peaks.databasePeakPssMb} MB`;
    console.log(`  Peak memory (PSS): panel ${peaks.panelPeakPssMb} MB${database}`);
    return { empty, pages: measuredPages, slices, login, change: changed, changes, memory: peaks };
  } finally {
    // Also when a scenario failed: the samplers' timers must not keep the process alive.
    memory.stop();
    databaseMemory?.stop();
    for (const s of servers) await s.stop();
  }

  /** Runs the specs at once, one per instance, and adds them up as one scenario. */
  async function measureSplit(list: LoadSpec[], secs: number, on: ServerHandle[] = servers): Promise<Measured> {
    const dbCpu0 = config.database.startsWith("postgres") ? cpuSeconds(cluster.pid, true) : 0;
    const runs = await Promise.all(list.map((spec, i) => runLoad({ ...spec, seconds: secs }, on[i].proc.pid ?? 0)));
    const dbCpu = config.database.startsWith("postgres") ? cpuSeconds(cluster.pid, true) - dbCpu0 : 0;
    const requests = runs.reduce((n, r) => n + r.requests, 0);
    const cpuMs = runs.reduce((n, r) => n + r.cpuMsPerRequest * r.requests, 0);
    return {
      ...runs[0],
      connections: runs.reduce((n, r) => n + r.connections, 0),
      requests,
      rps: runs.reduce((n, r) => n + r.rps, 0),
      p50: Math.max(...runs.map((r) => r.p50)),
      p99: Math.max(...runs.map((r) => r.p99)),
      errors: runs.reduce((n, r) => n + r.errors, 0),
      non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
      cpuMsPerRequest: requests ? cpuMs / requests : 0,
      dbCpuMsPerRequest: requests ? (dbCpu * 1000) / requests : 0,
    };
  }
}

/** The login scenario at this process's share of the connections. */
async function shareOfLogin(base: string, share: number): Promise<LoadSpec> {
  return { ...(await loginSpec(base, data.password)), connections: 10 / share };
}

async function passwordChanges(database: string): Promise<number> {
  const ids = data.changeMailboxIds;
  if (!database.startsWith("postgres")) {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(database, { readonly: true });
    const row = db
      .prepare(
        `SELECT count(*) AS n FROM audit_log WHERE action = 'mailbox.password.set' AND target_id IN (${ids.map(() => "?").join(",")})`,
      )
      .get(...ids) as { n: number };
    db.close();
    return row.n;
  }
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  const { rows } = await client.query<{ n: string }>(
    "SELECT count(*) AS n FROM audit_log WHERE action = 'mailbox.password.set' AND target_id = ANY($1::int[])",
    [ids],
  );
  await client.end();
  return Number(rows[0].n);
}

/** The support search's prefix query, as on SQLite (prefix-query.ts), timed from a client. */
async function measurePrefixQueryPg(url: string) {
  const prefixes = ["anna", "karla.schulz3", "zoe.braun", "felix.m", "mia.wolf12", "paul.koch7", "x", "uwe.richter", "olga", "simon.kl"];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const sql = "SELECT id, address FROM mailboxes WHERE address >= $1 AND address < $2 ORDER BY address LIMIT 51";
  const plan = (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, ["a", "b"])).rows.map((r) => r["QUERY PLAN"]).join("; ");
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const p = prefixes[i % prefixes.length];
    const t0 = process.hrtime.bigint();
    await client.query({ name: "prefix", text: sql, values: [p, p + "\uffff"] });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  await client.end();
  times.sort((a, b) => a - b);
  return { medianMs: times[times.length >> 1], p99Ms: times[Math.floor(times.length * 0.99)], usesIndex: /Index/.test(plan), plan };
}

function printLine(r: Measured) {
  const db = r.dbCpuMsPerRequest ? ` + db ${r.dbCpuMsPerRequest.toFixed(2)}` : "";
  console.log(
    `  ${r.name.padEnd(46)} ${r.rps.toFixed(1).padStart(7)} req/s  p99 ${String(r.p99).padStart(4)} ms  cpu ${r.cpuMsPerRequest.toFixed(2)}${db} ms/req${r.errors + r.non2xx ? `  (${r.errors + r.non2xx} errors)` : ""}`,
  );
}

function printSummary() {
  const names = configs.map((c) => c.name);
  console.log(`\n${"req/s (p99 ms)".padEnd(46)} ${names.map((n) => n.padStart(16)).join("")}`);
  const rows = results[names[0]].pages.map((p, i) => [p.name, (c: string) => results[c].pages[i]] as const);
  for (const [name, pick] of [
    ["Anchor: empty dynamic page", (c: string) => results[c].empty] as const,
    ...rows,
    ["Login (argon2id verify)", (c: string) => results[c].login] as const,
    ["Password change (Plesk panel)", (c: string) => results[c].change] as const,
  ]) {
    console.log(`${name.padEnd(46)} ${names.map((c) => `${pick(c).rps.toFixed(0)} (${pick(c).p99})`.padStart(16)).join("")}`);
  }
  console.log(`\n${"CPU × empty page (slices, panel + database)".padEnd(46)} ${names.map((n) => n.padStart(16)).join("")}`);
  for (const [i, row] of results[names[0]].slices.entries())
    console.log(`${row.name.padEnd(46)} ${names.map((c) => results[c].slices[i].toEmptyPage.toFixed(2).padStart(16)).join("")}`);
  const memoryLine = names.map((c) => `${results[c].memory.panelPeakPssMb} MB`.padStart(16)).join("");
  console.log(`${`Peak panel memory (PSS), budget ${MEMORY_BUDGET_MB} MB`.padEnd(46)} ${memoryLine}`);
  for (const c of names) {
    const { panelPeakPssMb } = results[c].memory;
    console.log(
      `${panelPeakPssMb <= MEMORY_BUDGET_MB ? "PASS" : "FAIL"} ${c}: peak panel memory ≤ ${MEMORY_BUDGET_MB} MB (${panelPeakPssMb} MB PSS)`,
    );
  }
  console.log(
    `Prefix query on PostgreSQL: median ${prefix.medianMs.toFixed(3)} ms, p99 ${prefix.p99Ms.toFixed(3)} ms, index: ${String(prefix.usesIndex)}`,
  );
  if (!("skipped" in mail))
    console.log(
      `Mail logins on PostgreSQL: IMAP repeated ${mail.imapRepeated.perSecond.toFixed(0)}/s (${(mail.imapRatio * 100).toFixed(0)} % of static), first ${mail.imapFirst.perSecond.toFixed(0)}/s, submission ${mail.submissionRepeated.perSecond.toFixed(0)}/s`,
    );
}
