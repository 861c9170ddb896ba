import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rawRows } from "@/db/raw";
import { databaseKind } from "@/lib/config";
import { aCustomerWithPackage, aDomain, aReseller, emptyDb } from "../support/factories";

/**
 * PostgreSQL migration 0007: every table with both tenant columns has functional-dependency statistics on
 * them, so the planner knows the reseller follows from the customer instead of multiplying the two
 * columns' selectivities (which sent the Domainverwaltung's page through a bitmap AND and a sort of all
 * of a customer's domains). SQLite needs no such thing: its list queries are checked in
 * list-query-plans.test.ts.
 */
describe.runIf(databaseKind() === "postgresql")("tenant statistics on PostgreSQL", () => {
  it("exist for every table that has reseller_id and customer_id", async () => {
    const { db } = await emptyDb();
    const tenantTables = await rawRows<{ table: string }>(
      db,
      sql`SELECT c.table_name AS "table" FROM information_schema.columns c
          JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
          WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.column_name = 'reseller_id'
            AND EXISTS (SELECT 1 FROM information_schema.columns o
                        WHERE o.table_schema = 'public' AND o.table_name = c.table_name AND o.column_name = 'customer_id')
          ORDER BY 1`,
    );
    const withStatistics = await rawRows<{ table: string }>(
      db,
      sql`SELECT DISTINCT r.relname AS "table" FROM pg_statistic_ext e JOIN pg_class r ON r.oid = e.stxrelid
          WHERE 'f' = ANY (e.stxkind)
            AND (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a
                 WHERE a.attrelid = e.stxrelid AND a.attnum = ANY (e.stxkeys)) = ARRAY['customer_id', 'reseller_id']
          ORDER BY 1`,
    );
    expect(tenantTables.length).toBeGreaterThan(10);
    expect(withStatistics.map((r) => r.table)).toEqual(expect.arrayContaining(tenantTables.map((r) => r.table)));
  });

  it("teach the planner that a customer's rows all have its reseller", async () => {
    const { db } = await emptyDb();
    // Five resellers with one customer of 30 domains each; the first reseller has a second such customer.
    const subs = [];
    for (let r = 0; r < 5; r++) subs.push(await aCustomerWithPackage(db, { reseller: await aReseller(db) }));
    const target = await aCustomerWithPackage(db, { reseller: subs[0].reseller });
    for (const sub of [...subs, target]) for (let i = 1; i < 30; i++) await aDomain(db, sub);
    await rawRows(db, sql`ANALYZE domains`);
    const reseller = target.reseller;
    const sub = target;
    const [plan] = await rawRows<{ "QUERY PLAN": { Plan: { "Plan Rows": number } }[] }>(
      db,
      sql`EXPLAIN (FORMAT JSON) SELECT id FROM domains WHERE customer_id = ${sub.customer.id} AND reseller_id = ${reseller.id}`,
    );
    // 30 of 180 domains are the customer's, 60 the reseller's: taken as independent columns PostgreSQL
    // would expect 180 × 1/6 × 1/3 = 10 rows.
    expect(plan["QUERY PLAN"][0].Plan["Plan Rows"]).toBeGreaterThan(20);
  });
});
