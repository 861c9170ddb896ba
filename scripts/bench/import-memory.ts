/**
 * Peak memory of a CSV import's dry run and apply (issue 24), as `npm run import` runs them:
 *   npm run bench:import -- [--lines 100000] [--heap 64] [--json]
 * (`--json`: the same data as a JSON export, one record per line, as the export writes it.)
 * Builds a SQLite file of its own (a temp folder, removed at the end) with one customer's subscription
 * whose package has no limits, and a CSV file of N lines: a domain line per 1,000 mailboxes, mailbox
 * lines with an existing SHA512-CRYPT hash (taken as it is, so no argon2 time), and an alias for every
 * tenth mailbox. Each step runs in a child process of its own and prints its peak RSS (getrusage's
 * maxrss): the floor (database opened, actor loaded), the dry run, and the apply (on a fresh copy of
 * the database each time). The import's own memory is the step's figure minus the floor.
 * Figures of a run are in the README ("Moving in: import and PostfixAdmin migration").
 */
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { applyMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import { loadActor } from "@/lib/auth/principals";
import { insertBenchSubscription } from "./memory-world";
import { openImportFile } from "@/lib/services/import/read-json";
import { applyImport, dryRunImport } from "@/lib/services/import/run-import";

const { values } = parseArgs({
  options: {
    lines: { type: "string", default: "100000" },
    child: { type: "string" },
    file: { type: "string" },
    csv: { type: "string" },
    // A JavaScript heap limit for the children (MB): an import that holds the whole file dies of it.
    heap: { type: "string" },
    // Which children to run, e.g. `floor,dry` (apply of 100,000 lines takes minutes).
    steps: { type: "string", default: "floor,dry,apply" },
    json: { type: "boolean", default: false },
  },
});

const HASH = "{SHA512-CRYPT}$6$wj1Y9CiyxdBcJnE2$QQMcKbX46.fttIWGLdhqeIptbgXdDWg7bvelJ7SDy7OhS3eP77.8.Xzm8NIimBxpCR2tCaabCieVpValtWdO..";

/** The child: one step on the given database; prints its figures as JSON. */
async function child(kind: string, file: string, csv: string) {
  const db = drizzle(new Database(file), { schema });
  const actor = await loadActor(db, "user", 1);
  if (!actor) throw new Error("no admin in the bench file");
  const started = process.hrtime.bigint();
  let lines = 0;
  let problems = 0;
  if (kind !== "floor") {
    // As `npm run import -- --csv` reads it: opened again from disk for each walk of the planner.
    const read = await openImportFile(() => fs.createReadStream(csv));
    if (kind === "dry") {
      const report = await dryRunImport(actor, 1, read.rows, read.problems, db);
      lines = report.rowCount;
      problems = report.problemCount;
    } else {
      const done = await applyImport(actor, 1, read.rows, read.problems, { source: "bench" }, db);
      lines = done.report.rowCount;
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({ kind, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), lines, problems, ms: Math.round(ms) }));
}

function csvLines(n: number): string {
  const lines = ["type,address,password,quota_mb,enabled,targets"];
  let domain = 0;
  for (let i = 0; lines.length - 1 < n; i++) {
    if (i % 1000 === 0) lines.push(`domain,umzug${++domain}.example,,,,`);
    const box = `postfach${i}@umzug${domain}.example`;
    if (lines.length - 1 < n) lines.push(`mailbox,${box},${HASH},1024,yes,`);
    if (i % 10 === 9 && lines.length - 1 < n) lines.push(`alias,weiter${i}@umzug${domain}.example,,,,${box}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The same lines as a JSON export: a domain per 1,000 mailboxes, each mailbox and alias a record of its own line. */
function jsonLines(n: number): string {
  const domains: string[] = [];
  let lines = 0;
  for (let d = 1; lines < n; d++) {
    const name = `umzug${d}.example`;
    lines++;
    const boxes: string[] = [];
    const aliases: string[] = [];
    for (let i = (d - 1) * 1000; i < d * 1000 && lines < n; i++) {
      const box = `postfach${i}@${name}`;
      boxes.push(JSON.stringify({ address: box, quotaMb: 1024, enabled: true, forwards: [], passwordHash: HASH }));
      lines++;
      if (i % 10 === 9 && lines < n) {
        aliases.push(JSON.stringify({ address: `weiter${i}@${name}`, targets: [box] }));
        lines++;
      }
    }
    domains.push(
      `    {\n      "name": ${JSON.stringify(name)},\n      "catchAll": null,\n      "mailboxes": [\n        ${boxes.join(",\n        ")}\n      ],\n      "aliases": [\n        ${aliases.join(",\n        ")}\n      ]\n    }`,
    );
  }
  return `{\n  "subscriptionId": 1,\n  "domains": [\n${domains.join(",\n")}\n  ]\n}\n`;
}

async function parent() {
  const n = Number(values.lines);
  const heapLimit = values.heap ? [`--max-old-space-size=${values.heap}`] : [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-import-memory-"));
  const base = path.join(dir, "base.db");
  const csv = path.join(dir, values.json ? "import.json" : "import.csv");
  fs.writeFileSync(csv, values.json ? jsonLines(n) : csvLines(n));
  const sqlite = new Database(base);
  applyMigrations(sqlite);
  const hash = await hashPassword("Import-Messung-2026!");
  sqlite.transaction(() => {
    insertBenchSubscription(sqlite, hash);
  })();
  sqlite.close();
  console.log(`${n.toLocaleString("en")} lines, ${Math.round(fs.statSync(csv).size / 1024)} kB in ${csv}`);
  try {
    for (const kind of values.steps.split(",")) {
      const file = path.join(dir, `${kind}.db`);
      fs.copyFileSync(base, file);
      const args = [...process.execArgv, ...heapLimit, process.argv[1], "--child", kind, "--file", file, "--csv", csv];
      const run = spawnSync(process.execPath, args, {
        encoding: "utf8",
        maxBuffer: 1 << 20,
        env: { ...process.env, KONTOR_MAIL_ROOT: path.join(dir, "mail") },
      });
      const died = run.status === 0 ? "" : /heap out of memory/i.test(run.stderr) ? "out of memory (heap limit)" : run.stderr.slice(-600);
      console.log(died ? JSON.stringify({ kind, failed: died }) : run.stdout.trim().split("\n").at(-1));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (values.child) await child(values.child, values.file ?? "", values.csv ?? "");
else await parent();
