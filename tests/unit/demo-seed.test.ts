import { asc, type Column, getTableColumns } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/db/seed";
import { verifyPassword } from "@/lib/auth/password-hash";
import { copyPlan } from "@/scripts/lib/db-copy-plan";
import { createTestDb } from "../support/test-db";

/**
 * This test is about the demo itself, so it reads the demo's names on purpose: it pins every row the
 * demo seed writes, table by table in key order, so that a change of the seed or of the builders it
 * shares with the test factories (db/builders.ts) shows here instead of in a walk through the demo.
 * It runs on SQLite (unit) and PostgreSQL (unit-pg) against the same file, so both seeds stay alike.
 * Values that are random by design are replaced by a marker that still says whether one is set:
 * times, and hashes, salts, tokens and secrets.
 */
const RANDOM_COLUMN = /hash|salt|token|secret|nonce/i;

function stable(key: string, value: unknown): unknown {
  if (value === null) return null;
  if (value instanceof Date) return "<time>";
  if (RANDOM_COLUMN.test(key)) return "<random>";
  return value;
}

/** One line per row: `table {"column":value,…}`, columns sorted by name so both schemas print alike. */
async function dump(db: Db): Promise<string> {
  const lines: string[] = [];
  const tables = schema as unknown as Record<string, SQLiteTable>;
  for (const plan of [...copyPlan()].sort((a, b) => a.name.localeCompare(b.name))) {
    const table = tables[plan.key];
    const columns: Record<string, Column> = getTableColumns(table);
    const rows = await db
      .select()
      .from(table)
      .orderBy(...plan.pk.map((k) => asc(columns[k])));
    for (const row of rows as Record<string, unknown>[]) {
      const values = Object.keys(row)
        .sort()
        .map((k) => [k, stable(k, row[k])]);
      lines.push(`${plan.name} ${JSON.stringify(Object.fromEntries(values))}`);
    }
  }
  return lines.join("\n") + "\n";
}

describe("demo seed", () => {
  it("writes the demo data row for row as pinned, once", async () => {
    const { db } = await createTestDb();
    expect(await seedDemo(db)).toBe(true);
    await expect(await dump(db)).toMatchFileSnapshot("./__snapshots__/demo-seed.txt");
    expect(await seedDemo(db)).toBe(false);
  }, 60_000);

  it("gives every login the README's password, each hash with a salt of its own", async () => {
    const { db } = await createTestDb();
    await seedDemo(db);
    const hashes = [
      ...(await db.select({ h: schema.users.passwordHash }).from(schema.users)),
      ...(await db.select({ h: schema.mailboxes.passwordHash }).from(schema.mailboxes)),
      ...(await db.select({ h: schema.mailAccounts.passwordHash }).from(schema.mailAccounts)),
    ].map((r) => r.h);
    expect(hashes).toHaveLength(17);
    expect(new Set(hashes).size).toBe(hashes.length);
    for (const hash of hashes) expect(await verifyPassword(hash, DEMO_PASSWORD)).toBe(true);
  }, 60_000);
});
