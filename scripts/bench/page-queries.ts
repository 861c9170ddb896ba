/**
 * npm run bench:queries -- [--data FILE] [--pg URL] [--views N]: how many statements each benchmark page
 * runs per view (issue 23: each is a round trip on PostgreSQL). Starts the production server of the last
 * benchmark build (.next-bench, or NEXT_DIST_DIR) with one worker and a counter loaded into it
 * (count-queries-preload.mjs), views every page N times one after another, and prints the statements
 * per view, on a working copy (data-set.ts) of the 1,000,000-mailbox set (--data: the set to copy,
 * default bench/large/kontor-large.db). --pg runs the panel on that PostgreSQL database instead (its
 * data must be a copy of the same set, e.g. made with db:copy; the ids come from the SQLite copy).
 * --timing (SQLite only) also prints, per page, what each statement cost per view: its runs and its
 * preparations (µs of wall time inside better-sqlite3, one worker, so on an idle core its CPU).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareDataSet, workingCopy } from "./data-set";
import { benchServerEnv, processTree, startServer } from "./server";
import { sessionCookie } from "./sessions";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const views = Number(option("views")) || 20;
const pgUrl = option("pg");
const timing = args.includes("--timing") && !pgUrl;
const PORT = Number(process.env.KONTOR_BENCH_PORT) || 3394;
const copy = workingCopy(path.resolve(option("data") ?? "bench/large/kontor-large.db"));
const data = prepareDataSet(copy.file);
const database = pgUrl ?? data.file;
const countDir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-queries-"));

const server = await startServer(
  {
    ...benchServerEnv(PORT),
    ...(pgUrl ? { KONTOR_DATABASE_URL: pgUrl } : { KONTOR_DB: data.file }),
    KONTOR_WORKERS: "1",
    KONTOR_QUERY_COUNT_DIR: countDir,
    ...(timing ? { KONTOR_QUERY_TIMING: "1" } : {}),
  },
  PORT,
  ["--import", path.join(import.meta.dirname, "count-queries-preload.mjs")],
);
const pid = server.proc.pid ?? 0;

interface StatementTime {
  prepares: number;
  prepareNs: number;
  runs: number;
  runNs: number;
}
interface Counts {
  sqlite: number;
  postgres: number;
  statements: Record<string, StatementTime>;
}

/** Statements run so far by the server's processes (each writes its counts on SIGUSR2). */
async function statements(): Promise<{ total: number; times: Map<string, StatementTime> }> {
  const pids = processTree(pid);
  for (const p of pids) fs.rmSync(path.join(countDir, `${p}.json`), { force: true });
  for (const p of pids) process.kill(p, "SIGUSR2");
  let total = 0;
  const times = new Map<string, StatementTime>();
  for (const p of pids) {
    const file = path.join(countDir, `${p}.json`);
    for (let i = 0; i < 100 && !fs.existsSync(file); i++) await new Promise((r) => setTimeout(r, 20));
    const counts = JSON.parse(fs.readFileSync(file, "utf8")) as Counts;
    total += pgUrl ? counts.postgres : counts.sqlite;
    for (const [sql, t] of Object.entries(counts.statements)) {
      const sum = times.get(sql) ?? { prepares: 0, prepareNs: 0, runs: 0, runNs: 0 };
      times.set(sql, {
        prepares: sum.prepares + t.prepares,
        prepareNs: sum.prepareNs + t.prepareNs,
        runs: sum.runs + t.runs,
        runNs: sum.runNs + t.runNs,
      });
    }
  }
  return { total, times };
}

/** Per statement run during the views: runs and µs per view, preparations and their µs per view. */
function printTimes(before: Map<string, StatementTime>, after: Map<string, StatementTime>): void {
  const rows = [...after].map(([sql, t]) => {
    const b = before.get(sql) ?? { prepares: 0, prepareNs: 0, runs: 0, runNs: 0 };
    return {
      sql,
      runs: (t.runs - b.runs) / views,
      runUs: (t.runNs - b.runNs) / views / 1000,
      prepares: (t.prepares - b.prepares) / views,
      prepareUs: (t.prepareNs - b.prepareNs) / views / 1000,
    };
  });
  const used = rows.filter((r) => r.runs > 0 || r.prepares > 0).sort((x, y) => y.runUs + y.prepareUs - x.runUs - x.prepareUs);
  const sum = used.reduce((s, r) => s + r.runUs + r.prepareUs, 0);
  console.log(`    SQLite µs per view: ${sum.toFixed(0)}`);
  for (const r of used)
    console.log(
      `    ${r.runUs.toFixed(0).padStart(6)} µs in ${r.runs} run(s), ${r.prepareUs.toFixed(0).padStart(4)} µs in ${r.prepares} preparation(s): ${r.sql.replace(/\s+/g, " ")}`,
    );
}

try {
  const base = server.baseUrl;
  const cookieOf = (userId: number) => sessionCookie(base, database, "user", userId);
  const [owner, support, customer, reseller] = await Promise.all(
    [data.bigDomainOwnerUserId, data.supportUserId, data.bigCustomerUserId, data.resellerUserId].map(cookieOf),
  );
  const pages: [string, string, string][] = [
    ["Anchor: empty dynamic page", "/bench/empty", owner],
    ["Plesk address list, first page", `/panel/${data.bigSubscriptionId}/mail`, owner],
    ["Plesk address list, deep page", `/panel/${data.bigSubscriptionId}/mail?after=${encodeURIComponent(data.deepCursor)}`, owner],
    ["Support search, address prefix", `/support/mailboxes?q=${encodeURIComponent(data.prefix)}`, support],
    ["Domainverwaltung, 1,000 domains", "/ksc/domains", customer],
    ["Reseller customer list", "/reseller/customers", reseller],
    ["Mailbox record (support)", `/support/mailboxes/${data.recordMailboxId}`, support],
  ];
  console.log(`${pgUrl ? "PostgreSQL round trips" : "SQLite statements"} per page view (${views} views each):`);
  for (const [name, pathname, cookie] of pages) {
    const view = async () => {
      const res = await fetch(base + pathname, { headers: { cookie }, redirect: "manual" });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status}`);
    };
    await view();
    const before = await statements();
    for (let i = 0; i < views; i++) await view();
    const after = await statements();
    console.log(`  ${name}: ${(after.total - before.total) / views}`);
    if (timing) printTimes(before.times, after.times);
  }
} finally {
  await server.stop();
  fs.rmSync(countDir, { recursive: true, force: true });
  copy.remove();
}
