/**
 * Prints the README's performance tables from two benchmark results (the newer first; the older one's
 * figures in brackets): npx tsx scripts/bench/readme-table.ts bench/results/<new>.json bench/results/<old>.json
 */
import fs from "node:fs";
import type { LoadResult } from "./load";
import type { MailLoginReport } from "./mail-logins";
import type { PathResult } from "./password-paths-types";

type Result = {
  results: LoadResult[];
  anchors: { emptyPage: LoadResult; floor: LoadResult };
  pageRatios: { name: string; cpuMsPerRequest: number; toEmptyPage: number; toFloor: number }[];
  passwordPaths: Record<string, PathResult>;
  mail: MailLoginReport;
};

const files = process.argv.slice(2);
if (files.length !== 2) throw new Error("usage: readme-table.ts <newer.json> <older.json>");
const [newer, older] = files.map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as Result);
const both = (a: number, b: number | undefined, digits: number) => `${a.toFixed(digits)} (${b === undefined ? "–" : b.toFixed(digits)})`;
const row = (cells: string[]) => `| ${cells.join(" | ")} |`;

console.log(row(["page (10 connections)", "req/s", "p99 ms", "server CPU ms/req", "× empty page", "× floor"]));
console.log(row(["---", "---", "---", "---", "---", "---"]));
for (const anchor of ["emptyPage", "floor"] as const) {
  const a = newer.anchors[anchor];
  const b = older.anchors[anchor];
  console.log(row([a.name, both(a.rps, b.rps, 0), String(a.p99), both(a.cpuMsPerRequest, b.cpuMsPerRequest, 2), "", ""]));
}
for (const p of newer.pageRatios) {
  const load = newer.results.find((r) => r.name === p.name);
  const o = older.pageRatios.find((x) => x.name === p.name);
  const ol = older.results.find((r) => r.name === p.name);
  if (!load) continue;
  console.log(
    row([
      p.name,
      both(load.rps, ol?.rps, 0),
      String(load.p99),
      both(p.cpuMsPerRequest, o?.cpuMsPerRequest, 2),
      both(p.toEmptyPage, o?.toEmptyPage, 2),
      both(p.toFloor, o?.toFloor, 1),
    ]),
  );
}

console.log("");
console.log(row(["password path (services, large data set)", "argon2 hashes", "argon2 verifications", "CPU ms", "× one argon2 op"]));
console.log(row(["---", "---", "---", "---", "---"]));
const anchorMs = newer.passwordPaths["argon2id hash (anchor)"].cpuMsPerRun;
const olderPaths: Partial<Record<string, PathResult>> = older.passwordPaths;
for (const [name, p] of Object.entries(newer.passwordPaths)) {
  const o = olderPaths[name];
  console.log(
    row([
      name,
      p.hashesPerRun.toFixed(0),
      p.verificationsPerRun.toFixed(0),
      both(p.cpuMsPerRun, o?.cpuMsPerRun, 1),
      (p.cpuMsPerRun / anchorMs).toFixed(2),
    ]),
  );
}
for (const r of newer.results.filter((x) => /Login|Password change/.test(x.name))) {
  const o = older.results.find((x) => x.name === r.name);
  console.log(row([`HTTP: ${r.name}`, "", "", `${both(r.cpuMsPerRequest, o?.cpuMsPerRequest, 1)} per request`, ""]));
}

console.log("");
const m = newer.mail;
const n = older.mail;
if ("skipped" in m || "skipped" in n) {
  console.log("mail logins skipped");
} else {
  console.log(row(["mail logins (10 parallel, production hashes)", "logins/s", "Dovecot CPU ms/login", "× static passdb"]));
  console.log(row(["---", "---", "---", "---"]));
  const line = (name: string, key: keyof typeof m & `${string}${"First" | "Repeated" | "Static"}`, ratio?: [number, number]) =>
    console.log(
      row([
        name,
        both(m[key].perSecond, n[key].perSecond, 0),
        both(m[key].dovecotCpuMs, n[key].dovecotCpuMs, 2),
        ratio ? `${(ratio[0] * 100).toFixed(0)} % (${(ratio[1] * 100).toFixed(0)} %)` : "",
      ]),
    );
  line("IMAP, first login of a mailbox (argon2id)", "imapFirst");
  line("IMAP, repeated logins", "imapRepeated", [m.imapRatio, n.imapRatio]);
  line("IMAP, anchor: same Dovecot, static passdb", "imapStatic");
  line("Submission, repeated logins", "submissionRepeated", [m.submissionRatio, n.submissionRatio]);
  line("Submission, anchor: static passdb", "submissionStatic");
}
