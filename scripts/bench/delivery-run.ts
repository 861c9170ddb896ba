/**
 * npm run bench:delivery: mail delivery over SMTP into the 1,000,000-mailbox data set (delivery.ts):
 * Kontor's Postfix and Dovecot next to the same Postfix with texthash lookups, and the cost of one
 * Postfix lookup on the database. Prints the figures with the machine's load average (the machine is
 * shared: compare runs only at a similar load) and writes bench/results/<stamp>-delivery.json.
 *   --messages N   messages per side (default 2000), in 4 alternating slices
 *   --db FILE      the data set (default bench/large/kontor-large.db, generated there when missing)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareDataSet } from "./data-set";
import { type DeliveryRun, measureDelivery } from "./delivery";

const args = process.argv.slice(2);
const messages = Math.min(100_000, Number(args[args.indexOf("--messages") + 1]) || 2000);

const dbArg = args.indexOf("--db");
const data = prepareDataSet(path.resolve(dbArg >= 0 && args[dbArg + 1] ? args[dbArg + 1] : "bench/large/kontor-large.db"));
const loadBefore = os.loadavg();
const report = await measureDelivery(data.file, messages);
const loadAfter = os.loadavg();

const line = (name: string, r: DeliveryRun) =>
  `  ${name.padEnd(40)} ${r.perSecond.toFixed(0).padStart(5)}/s  (${r.delivered} of ${r.messages} in ${r.seconds.toFixed(1)} s)`;
if ("skipped" in report) {
  console.log(`Delivery skipped: ${report.skipped}`);
} else {
  console.log(`Delivery over SMTP into Dovecot, ${report.kontor.messages} messages of ${report.messageBytes} bytes per side`);
  console.log(line("Kontor's Postfix (sqlite maps) + Dovecot", report.kontor));
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
const out = path.join("bench/results", `${at.replace(/[:.]/g, "-")}-delivery.json`);
fs.writeFileSync(
  out,
  JSON.stringify({ at, messages, machine: `${os.availableParallelism()} cores`, loadBefore, loadAfter, report }, null, 2),
);
console.log(`Written ${out}`);
