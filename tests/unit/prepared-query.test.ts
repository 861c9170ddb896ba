import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withGenericPlans } from "@/db/postgres";
import { preparedQuery } from "@/db/prepared";
import { rawRows } from "@/db/raw";
import { domains } from "@/db/schema";
import { transaction } from "@/db/transaction";
import { databaseKind } from "@/lib/config";
import { aDomain, aCustomerWithPackage, emptyDb } from "../support/factories";

const domainName = preparedQuery((db) =>
  db
    .select({ name: domains.name })
    .from(domains)
    .where(sql`${domains.id} = ${sql.placeholder("id")}`),
);

describe("preparedQuery (db/prepared.ts)", () => {
  it("builds a statement once per database and runs it with new values", async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db);
    const one = await aDomain(db, sub, "eins-prepared.example");
    const two = await aDomain(db, sub, "zwei-prepared.example");
    expect(domainName(db)).toBe(domainName(db));
    expect(await domainName(db).execute({ id: one.id })).toEqual([{ name: "eins-prepared.example" }]);
    expect(await domainName(db).execute({ id: two.id })).toEqual([{ name: "zwei-prepared.example" }]);
  });

  it.runIf(databaseKind() === "postgresql")("names the statement by its SQL, so a connection parses it once", async () => {
    const { db } = await emptyDb();
    const sub = await aCustomerWithPackage(db);
    const domain = await aDomain(db, sub, "benannt.example");
    // A transaction keeps one connection, whose prepared statements PostgreSQL lists.
    const statements = await transaction(db, async (tx) => {
      await domainName(tx).execute({ id: domain.id });
      await domainName(tx).execute({ id: domain.id });
      return await rawRows<{ name: string; statement: string }>(
        tx,
        sql`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'kontor\\_%'`,
      );
    });
    // Parsed once for the two runs (the factories' lookups may have named statements here too).
    const ours = statements.filter((s) => s.statement.startsWith('select "name" from "domains"'));
    expect(ours).toHaveLength(1);
    expect(ours[0].name).toMatch(/^kontor_[\w-]{32}$/);
  });

  it("asks PostgreSQL for cached plans in the connection URL, after the URL's own startup options", () => {
    const options = (url: string) => new URL(withGenericPlans(url)).searchParams.get("options");
    expect(options("postgres://kontor:geheim@db.example:5432/kontor")).toBe("-c plan_cache_mode=force_generic_plan");
    expect(options("postgres://kontor:geheim@db.example/kontor?options=-c%20statement_timeout%3D5000")).toBe(
      "-c statement_timeout=5000 -c plan_cache_mode=force_generic_plan",
    );
    // A Unix socket folder with an empty host: node-postgres reads it, the URL class refuses it.
    expect(withGenericPlans("postgres://kontor:geheim@/kontor?host=/run/postgresql")).toBe(
      "postgres://kontor:geheim@/kontor?host=/run/postgresql&options=-c%20plan_cache_mode%3Dforce_generic_plan",
    );
  });

  it.runIf(databaseKind() === "postgresql")("runs a named statement on its cached plan, however its values are estimated", async () => {
    const { db } = await emptyDb();
    // A prefix range with a LIMIT parameter: under PostgreSQL's default choice the custom plan's
    // estimate always wins, so it was planned anew at every run (docs/scaling.md, "Session 15").
    const range = preparedQuery((d) =>
      d
        .select({ name: domains.name })
        .from(domains)
        .where(sql`${domains.name} >= ${sql.placeholder("from")} AND ${domains.name} < ${sql.placeholder("to")}`)
        .orderBy(domains.name)
        .limit(sql.placeholder("limit")),
    );
    const plans = await transaction(db, async (tx) => {
      for (let i = 0; i < 8; i++) await range(tx).execute({ from: "a", to: "b", limit: 5 });
      return await rawRows<{ generic_plans: number; custom_plans: number }>(
        tx,
        sql`SELECT generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE statement LIKE '%"domains"."name" >= $1%'`,
      );
    });
    expect(plans).toEqual([{ generic_plans: 8, custom_plans: 0 }]);
  });
});
