import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheStatements } from "@/db/statement-cache";
import * as schema from "@/db/schema";
import { aCustomer, anAdmin, aSupport, emptyDb } from "../support/factories";
import { firstRow } from "@/db/rows";
import { transaction } from "@/db/transaction";

function numbers(limit?: number) {
  const sqlite = cacheStatements(new Database(":memory:"), limit);
  sqlite.exec("CREATE TABLE n (v INTEGER); INSERT INTO n VALUES (1), (2), (3);");
  return sqlite;
}

describe("statement cache", () => {
  it("hands out the compiled statement again for the same SQL", () => {
    const sqlite = numbers();
    const a = sqlite.prepare("SELECT v FROM n ORDER BY v");
    expect(sqlite.prepare("SELECT v FROM n ORDER BY v")).toBe(a);
    expect(sqlite.prepare("SELECT v FROM n ORDER BY v DESC")).not.toBe(a);
  });

  it("returns a statement in a fresh statement's mode, whatever the last caller switched on", () => {
    const sqlite = numbers();
    expect(sqlite.prepare("SELECT v FROM n ORDER BY v").raw().all()).toEqual([[1], [2], [3]]);
    expect(sqlite.prepare("SELECT v FROM n ORDER BY v").all()).toEqual([{ v: 1 }, { v: 2 }, { v: 3 }]);
    expect(sqlite.prepare("SELECT v FROM n ORDER BY v").pluck().all()).toEqual([1, 2, 3]);
    expect(sqlite.prepare("SELECT v FROM n ORDER BY v").get()).toEqual({ v: 1 });
    // Writers have no modes and are reused as they are.
    const insert = sqlite.prepare("INSERT INTO n VALUES (?)");
    expect(sqlite.prepare("INSERT INTO n VALUES (?)")).toBe(insert);
    insert.run(4);
    expect(sqlite.prepare("SELECT count(*) AS c FROM n").get()).toEqual({ c: 4 });
  });

  it("gives a caller its own statement while the cached one is still being iterated", () => {
    const sqlite = numbers();
    const seen: number[] = [];
    for (const row of sqlite.prepare("SELECT v FROM n ORDER BY v").iterate() as Iterable<{ v: number }>) {
      seen.push(row.v, (sqlite.prepare("SELECT v FROM n ORDER BY v").get() as { v: number }).v);
    }
    expect(seen).toEqual([1, 1, 2, 1, 3, 1]);
  });

  it("keeps at most `limit` statements, dropping the least recently used", () => {
    const sqlite = numbers(2);
    const one = sqlite.prepare("SELECT 1");
    const two = sqlite.prepare("SELECT 2");
    expect(sqlite.prepare("SELECT 1")).toBe(one); // now "SELECT 2" is the oldest
    sqlite.prepare("SELECT 3");
    expect(sqlite.prepare("SELECT 1")).toBe(one);
    expect(sqlite.prepare("SELECT 2")).not.toBe(two);
  });

  it("serves drizzle's selects, writes and transactions unchanged", async () => {
    const handle = await emptyDb();
    await anAdmin(handle.db);
    await aSupport(handle.db);
    await aCustomer(handle.db); // and its reseller
    const columns = { id: schema.users.id, email: schema.users.email, role: schema.users.role };
    const expected = await handle.db.select(columns).from(schema.users).orderBy(schema.users.id);
    expect(expected.length).toBeGreaterThan(3);
    const cached = drizzle(cacheStatements(handle.sqlite), { schema });
    for (let round = 0; round < 3; round++) {
      expect(await cached.select(columns).from(schema.users).orderBy(schema.users.id)).toEqual(expected);
      expect((await firstRow(cached.select().from(schema.users).where(eq(schema.users.id, expected[round].id))))?.email).toBe(
        expected[round].email,
      );
    }
    await transaction(cached, async (tx) => {
      await tx.update(schema.users).set({ sessionVersion: 42 }).where(eq(schema.users.id, expected[0].id));
    });
    expect(handle.sqlite.prepare("SELECT session_version AS sv FROM users WHERE id = ?").get(expected[0].id)).toEqual({ sv: 42 });
  });
});
