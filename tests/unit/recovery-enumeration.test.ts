import { drizzle } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/db/migrate";
import { openSqlite } from "@/db/open";
import * as schema from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { requestPasswordReset } from "@/lib/services/recovery/request-reset";

/**
 * "Passwort vergessen?" must not tell whether an account exists: same answer, same database work.
 * Measured on a file database (WAL, synchronous=FULL), so commit costs count as in production.
 */
let dir: string;
let sqlite: ReturnType<typeof openSqlite>;
let db: ReturnType<typeof drizzle<typeof schema>>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-enum-"));
  sqlite = openSqlite(path.join(dir, "kontor.db"));
  applyMigrations(sqlite);
  db = drizzle(sqlite, { schema });
  await seedDemo(db);
});
afterAll(() => {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function timed(identifier: string, i: number): Promise<{ ms: number; answer: unknown }> {
  await db.delete(schema.authThrottle); // keep the limits out of the measurement
  const start = process.hrtime.bigint();
  const result = await requestPasswordReset({ area: "ksc", identifier, ip: `198.51.100.${i % 250}`, locale: "de" }, db);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // What the visitor sees: the action answers the same text for both; the mail goes out after the response.
  return { ms, answer: result.ok };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe("no account enumeration", () => {
  it("answers alike and takes similar time for existing and unknown accounts", { timeout: 60_000 }, async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 10; i++) {
      await timed("kunde2@kontor.example", i);
      await timed(`niemand${i}@kontor.example`, i);
    } // warm-up
    for (let i = 0; i < 100; i++) {
      const a = await timed("kunde2@kontor.example", i);
      const b = await timed(`niemand${i}@kontor.example`, i);
      expect(a.answer).toBe(b.answer);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    const diff = Math.abs(median(known) - median(unknown));
    console.log(`reset request median: known ${median(known).toFixed(3)} ms, unknown ${median(unknown).toFixed(3)} ms`);
    expect(diff).toBeLessThan(5);
    expect(diff / Math.max(median(known), median(unknown))).toBeLessThan(0.5);
  });
});
