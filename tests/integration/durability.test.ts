import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_FOLDER } from "@/db/migrate";
import { assertPragmas, openSqlite } from "@/db/open";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "kontor-durability-"));

describe("durability", () => {
  it("keeps every acknowledged write and a sound file after kill -9 during bulk writes", async () => {
    const file = path.join(tmp(), "k.db");
    // The writer runs in this very process (node --import tsx), so SIGKILL hits the writer itself.
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/bulk-writer.ts", file], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const acked: number[] = [];
    let buffer = "";
    const waitForAcks = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("writer never got going")), 30_000);
      child.stdout.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines) if (/^\d+$/.test(line)) acked.push(Number(line));
        if (acked.length >= 300) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    try {
      await waitForAcks;
    } finally {
      child.kill("SIGKILL");
    }
    if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once("exit", r));
    const db = new Database(file);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const ids = new Set((db.prepare("SELECT id FROM audit_log WHERE action = 'bulk.write'").all() as { id: number }[]).map((r) => r.id));
    const missing = acked.filter((id) => !ids.has(id));
    db.close();
    expect(acked.length).toBeGreaterThanOrEqual(300);
    expect(missing).toEqual([]);
  });

  it("refuses a connection without the durability pragmas", () => {
    const file = path.join(tmp(), "k.db");
    const raw = new Database(file);
    raw.pragma("journal_mode = WAL");
    raw.pragma("synchronous = NORMAL");
    expect(() => assertPragmas(raw, file)).toThrow(/synchronous=1/);
    raw.pragma("synchronous = FULL");
    raw.pragma("foreign_keys = ON");
    expect(() => assertPragmas(raw, file)).not.toThrow();
    raw.close();
  });

  it("fails closed on a broken migration and leaves the database as it was", () => {
    const dir = tmp();
    const folder = path.join(dir, "migrations");
    fs.cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalFile = path.join(folder, "meta", "_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as {
      entries: { idx: number; when: number; tag: string; breakpoints: boolean; version: string }[];
    };
    const last = journal.entries[journal.entries.length - 1];
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: "9999_broken" });
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    fs.writeFileSync(
      path.join(folder, "9999_broken.sql"),
      "CREATE TABLE half_done (id integer);\n--> statement-breakpoint\nTHIS IS NOT SQL;",
    );

    const sqlite = openSqlite(path.join(dir, "k.db"));
    applyMigrations(sqlite);
    const tables = () =>
      (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const before = tables();
    expect(() => applyMigrations(sqlite, folder)).toThrow();
    expect(tables()).toEqual(before);
    expect(tables()).not.toContain("half_done");
    sqlite.close();
  });
});
