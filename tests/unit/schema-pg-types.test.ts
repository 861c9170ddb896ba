/**
 * The services are written once for both databases: a row read from or written to a db/schema-pg table
 * must have the TypeScript type of its db/schema twin (Dates for times, numbers for ids and counts,
 * the same JSON types and enums). Checked by `tsc --noEmit`; the test body only makes vitest list it.
 */
import type { PgTable } from "drizzle-orm/pg-core";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expectTypeOf, it } from "vitest";
import type * as liteSchema from "@/db/schema";
import type * as pgSchema from "@/db/schema-pg";

type Lite = typeof liteSchema;
type Pg = typeof pgSchema;
type TableKey = { [K in keyof Lite]: Lite[K] extends SQLiteTable ? K : never }[keyof Lite];
type PgOf<K extends TableKey> = Pg[K] extends PgTable ? Pg[K] : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Tables whose selected rows differ in type (never when all match). */
type SelectMismatch = { [K in TableKey]: Same<PgOf<K>["$inferSelect"], Lite[K]["$inferSelect"]> extends true ? never : K }[TableKey];
/**
 * Tables whose insert values differ in columns or types. Optionality aside: SQLite lets an integer
 * primary key such as autoresponders.mailbox_id be left out (it becomes the rowid); PostgreSQL
 * requires it, and every insert names it anyway.
 */
type InsertMismatch = {
  [K in TableKey]: Same<Required<PgOf<K>["$inferInsert"]>, Required<Lite[K]["$inferInsert"]>> extends true ? never : K;
}[TableKey];

describe("PostgreSQL schema twin, types", () => {
  it("reads and writes rows of the same TypeScript types as the SQLite schema", () => {
    expectTypeOf<SelectMismatch>().toEqualTypeOf<never>();
    expectTypeOf<InsertMismatch>().toEqualTypeOf<never>();
  });
});
