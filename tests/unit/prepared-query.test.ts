import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
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
});
