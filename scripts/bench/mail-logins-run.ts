/**
 * npm run bench:mail: only the mail-login part of `npm run bench` (mail-logins.ts: Kontor's Dovecot
 * against the same Dovecot with a static passdb, on the 1,000,000-mailbox data set), without building
 * or loading the panel. For changes to Dovecot's config and the Lua passdb, where the whole benchmark
 * would spend most of its time on pages that did not change. Prints the figures with the machine's
 * load average (this machine is shared: compare runs only at a similar load) and writes
 * bench/results/<stamp>-mail.json.
 *   --seconds N   length of each measurement (default 15)
 *   --out FILE    where to write the JSON (default bench/results/<stamp>-mail.json)
 *   --data FILE   the SQLite data set (default bench/large/kontor-large.db; `npm run bench` passes its copy)
 * With KONTOR_DATABASE_URL set to a postgres:// URL, Dovecot reads the data set's copy there (made by
 * `npm run bench:pg`); the setting must be in the environment from the start, as the panel's schema
 * module picks its tables when it is first loaded.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareDataSet } from "./data-set";
import { type LoginRun, measureMailLogins } from "./mail-logins";

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf("--seconds") + 1]) || 15;

const data = prepareDataSet(path.resolve(args.includes("--data") ? args[args.indexOf("--data") + 1] : "bench/large/kontor-large.db"));
const loadBefore = os.loadavg();
const databaseUrl = process.env.KONTOR_DATABASE_URL?.startsWith("postgres") ? process.env.KONTOR_DATABASE_URL : undefined;
const mail = await measureMailLogins(data.file, seconds, databaseUrl);
const loadAfter = os.loadavg();

const line = (name: string, r: LoginRun) =>
  `  ${name.padEnd(34)} ${r.perSecond.toFixed(0).padStart(6)}/s  Dovecot ${r.dovecotCpuMs.toFixed(2)} ms + client ${r.clientCpuMs.toFixed(2)} ms CPU per login${r.failures ? `  (${r.failures} failed)` : ""}`;
if ("skipped" in mail) {
  console.log(`Mail logins skipped: ${mail.skipped}`);
} else {
  console.log(
    `Mail logins${databaseUrl ? " (Dovecot on PostgreSQL)" : ""}, ${seconds} s per measurement, ${os.availableParallelism()} cores`,
  );
  console.log(line("IMAP first logins", mail.imapFirst));
  console.log(line("IMAP repeated logins", mail.imapRepeated));
  console.log(line("IMAP, static passdb (anchor)", mail.imapStatic));
  console.log(line("Submission repeated logins", mail.submissionRepeated));
  console.log(line("Submission, static passdb (anchor)", mail.submissionStatic));
  console.log(`  repeated ÷ static: IMAP ${(mail.imapRatio * 100).toFixed(0)} %, submission ${(mail.submissionRatio * 100).toFixed(0)} %`);
}
const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(" ");
console.log(`  load average (1, 5, 15 min): before ${load(loadBefore)}, after ${load(loadAfter)}`);

const at = new Date().toISOString();
fs.mkdirSync("bench/results", { recursive: true });
const outArg = args.indexOf("--out");
const out =
  outArg >= 0 ? args[outArg + 1] : path.join("bench/results", `${at.replace(/[:.]/g, "-")}-mail${databaseUrl ? "-postgres" : ""}.json`);
fs.writeFileSync(out, JSON.stringify({ at, seconds, machine: `${os.availableParallelism()} cores`, loadBefore, loadAfter, mail }, null, 2));
console.log(`Written ${out}`);
