/**
 * Peak memory of a subscription's export (issue 24), as the download route writes it:
 *   npx tsx --conditions=react-server scripts/bench/export-memory.ts [--mailboxes 100000]
 * Builds a SQLite file of its own (a temp folder, removed at the end): one customer's subscription with
 * one domain of N mailboxes, each with its spam filter, and on every tenth a forward, a blocklist entry and
 * an autoresponder. Then each format (CSV, JSON) is exported in a child process of its own into a sink
 * that counts bytes, and the child prints its peak RSS (getrusage's maxrss) and the bytes written. A child
 * that only opens the database and loads the actor gives the floor; the export's own memory is the rest.
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
import { openExport } from "@/lib/services/import/export-data";
import { exportChunks } from "@/lib/services/import/export-stream";

const { values } = parseArgs({
  options: {
    mailboxes: { type: "string", default: "100000" },
    child: { type: "string" },
    file: { type: "string" },
    // A JavaScript heap limit for the children (MB): an export that holds the whole subscription dies of it.
    heap: { type: "string" },
  },
});

/** The child: one export (or none, for the floor) into a counting sink; prints its figures as JSON. */
async function child(kind: string, file: string) {
  const db = drizzle(new Database(file), { schema });
  const actor = await loadActor(db, "user", 1);
  if (!actor) throw new Error("no admin in the bench file");
  const started = process.hrtime.bigint();
  let bytes = 0;
  if (kind !== "floor") {
    // What the download route streams: the same chunks, each counted and dropped as the client would take it.
    const format = kind === "json" ? "json" : "csv";
    for await (const chunk of exportChunks(await openExport(actor, 1, { withHashes: false, format }, db), format))
      bytes += Buffer.byteLength(chunk);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({ kind, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), bytes, ms: Math.round(ms) }));
}

function build(file: string) {
  const sqlite = new Database(file);
  applyMigrations(sqlite);
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  return sqlite;
}

async function parent() {
  const n = Number(values.mailboxes);
  const heapLimit = values.heap ? [`--max-old-space-size=${values.heap}`] : [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-export-memory-"));
  const file = path.join(dir, "kontor.db");
  const sqlite = build(file);
  const hash = await hashPassword("Export-Messung-2026!");
  sqlite.transaction(() => {
    insertBenchSubscription(sqlite, hash);
    sqlite.prepare("INSERT INTO domains (id, reseller_id, customer_id, subscription_id, name) VALUES (1, 1, 1, 1, 'gross.example')").run();
    const box = sqlite.prepare(
      "INSERT INTO mailboxes (reseller_id, customer_id, domain_id, local_part, address, password_hash, quota_mb) VALUES (1, 1, 1, ?, ?, ?, 1024)",
    );
    const spam = sqlite.prepare("INSERT INTO spam_settings (mailbox_id, reseller_id, customer_id) VALUES (?, 1, 1)");
    const forward = sqlite.prepare("INSERT INTO forwards (mailbox_id, reseller_id, customer_id, target) VALUES (?, 1, 1, ?)");
    const rule = sqlite.prepare(
      "INSERT INTO sender_rules (mailbox_id, reseller_id, customer_id, kind, pattern) VALUES (?, 1, 1, 'block', '@spam.example')",
    );
    const reply = sqlite.prepare(
      "INSERT INTO autoresponders (mailbox_id, reseller_id, customer_id, enabled, subject, body) VALUES (?, 1, 1, 1, 'Abwesend', ?)",
    );
    for (let i = 0; i < n; i++) {
      const local = `postfach${String(i).padStart(6, "0")}`;
      const id = Number(box.run(local, `${local}@gross.example`, hash).lastInsertRowid);
      spam.run(id);
      if (i % 10 === 0) {
        forward.run(id, `${local}@weiter.example`);
        rule.run(id);
        reply.run(id, `Ich bin bis Montag nicht im Büro.\nIhre Nachricht an ${local} wird danach beantwortet.`);
      }
    }
    sqlite.prepare("UPDATE domains SET mailbox_count = ? WHERE id = 1").run(n);
  })();
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  console.log(`${n.toLocaleString("en")} mailboxes in ${file}`);
  try {
    for (const kind of ["floor", "csv", "json"]) {
      const run = spawnSync(process.execPath, [...process.execArgv, ...heapLimit, process.argv[1], "--child", kind, "--file", file], {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      });
      const died = run.status === 0 ? "" : /heap out of memory/i.test(run.stderr) ? "out of memory (heap limit)" : run.stderr.slice(0, 300);
      console.log(died ? JSON.stringify({ kind, failed: died }) : run.stdout.trim().split("\n").at(-1));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (values.child) await child(values.child, values.file ?? "");
else await parent();
