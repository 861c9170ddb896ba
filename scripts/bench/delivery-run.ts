/**
 * npm run bench:delivery: mail delivery over SMTP into the 1,000,000-mailbox data set (delivery.ts):
 * Kontor's Postfix and Dovecot next to the same Postfix with texthash lookups, and the cost of one
 * Postfix lookup on the database. Prints the figures with the machine's load average (the machine is
 * shared: compare runs only at a similar load) and writes bench/results/<stamp>-delivery.json.
 *   --messages N   messages per side (default 2000), in 4 alternating slices
 *   --db FILE      the data set (default bench/large/kontor-large.db, generated there when missing)
 *   --pg           Kontor's Postfix (pgsql tables) and Dovecot (Lua userdb) on the PostgreSQL copy of
 *                  the data set (postgres-data-set.ts: bench/large/postgres, copied with db:copy the
 *                  first time, on port KONTOR_BENCH_DELIVERY_PG_PORT or 15192 unless bench:pg left it
 *                  running); the anchor's Postfix keeps its texthash maps and delivers into the same
 *                  Dovecot. Writes <stamp>-delivery-postgres.json.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareDataSet } from "./data-set";
import { type DeliveryRun, measureDelivery } from "./delivery";
import { BENCH_PG_DIR, startBenchPostgres } from "./postgres-data-set";
import { runningServer, stopPostgres } from "../lib/postgres-process";

const args = process.argv.slice(2);
const messages = Math.min(100_000, Number(args[args.indexOf("--messages") + 1]) || 2000);

const dbArg = args.indexOf("--db");
const data = prepareDataSet(path.resolve(dbArg >= 0 && args[dbArg + 1] ? args[dbArg + 1] : "bench/large/kontor-large.db"));
const databaseUrl = process.env.KONTOR_DATABASE_URL?.startsWith("postgres") ? process.env.KONTOR_DATABASE_URL : undefined;
if (args.includes("--pg") && !databaseUrl) {
  // The panel's schema module picks its tables when first loaded, from KONTOR_DATABASE_URL: the
  // measurement runs in a process of its own that has it from the start.
  // A cluster left running by bench:pg (same folder, its own port) is used as it is and left running.
  const running = runningServer(BENCH_PG_DIR);
  const cluster = await startBenchPostgres(data.file, running?.port ?? (Number(process.env.KONTOR_BENCH_DELIVERY_PG_PORT) || 15192));
  try {
    execFileSync(process.execPath, ["--import", "tsx", process.argv[1], ...args], {
      env: { ...process.env, KONTOR_DATABASE_URL: cluster.url },
      stdio: "inherit",
    });
  } finally {
    if (!running) await stopPostgres(BENCH_PG_DIR);
  }
  process.exit(0);
}
const loadBefore = os.loadavg();
const report = await measureDelivery(data.file, messages, databaseUrl);
const loadAfter = os.loadavg();

const line = (name: string, r: DeliveryRun) =>
  `  ${name.padEnd(40)} ${r.perSecond.toFixed(0).padStart(5)}/s  (${r.delivered} of ${r.messages} in ${r.seconds.toFixed(1)} s)`;
if ("skipped" in report) {
  console.log(`Delivery skipped: ${report.skipped}`);
} else {
  console.log(
    `Delivery over SMTP into Dovecot${databaseUrl ? " (on PostgreSQL)" : ""}, ${report.kontor.messages} messages of ${report.messageBytes} bytes per side`,
  );
  console.log(line(`Kontor's Postfix (${databaseUrl ? "pgsql" : "sqlite"} maps) + Dovecot`, report.kontor));
  console.log(line("Postfix with texthash maps (anchor)", report.anchor));
  console.log(`  Kontor ÷ anchor: ${(report.ratio * 100).toFixed(0)} %`);
  const lookups = Object.entries(report.lookupMicroseconds)
    .map(([name, us]) => `${name} ${us.toFixed(1)} µs`)
    .join(", ");
  console.log(`  one Postfix lookup on the database: ${lookups}`);
}
const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(" ");
console.log(`  load average (1, 5, 15 min): before ${load(loadBefore)}, after ${load(loadAfter)}`);

const at = new Date().toISOString();
fs.mkdirSync("bench/results", { recursive: true });
const out = path.join("bench/results", `${at.replace(/[:.]/g, "-")}-delivery${databaseUrl ? "-postgres" : ""}.json`);
fs.writeFileSync(
  out,
  JSON.stringify({ at, messages, machine: `${os.availableParallelism()} cores`, loadBefore, loadAfter, report }, null, 2),
);
console.log(`Written ${out}`);
