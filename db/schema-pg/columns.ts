import { sql } from "drizzle-orm";
import { bigint, boolean, customType, integer, jsonb } from "drizzle-orm/pg-core";

/**
 * Column kinds of the PostgreSQL schema, twins of db/schema/columns.ts. Times stay Unix epoch
 * milliseconds in a `bigint`, as in SQLite: raw SQL that compares them with `Date.now()`, the views and
 * the copy between the two databases (scripts/db-copy) treat both alike. Drizzle maps them to `Date`.
 */
export const timestampMs = customType<{ data: Date; driverData: string | number }>({
  dataType: () => "bigint",
  toDriver: (value) => value.getTime(),
  // node-postgres hands int8 over as a string (it may exceed 2^53; epoch milliseconds never do).
  fromDriver: (value) => new Date(Number(value)),
});

/** SQLite's `unixepoch('subsec') * 1000`: the wall clock at the moment of the write, in milliseconds. */
const nowMs = sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

export const createdAt = () => timestampMs("created_at").notNull().default(nowMs);

export const updatedAt = () => timestampMs("updated_at").notNull().default(nowMs);

/** Nullable limit: NULL means unlimited. */
export const limit = (name: string) => integer(name);

export const bool = (name: string) => boolean(name);

/** Identity "by default", so a copy of an installation can insert its ids unchanged. */
export const id = () => integer("id").primaryKey().generatedByDefaultAsIdentity();

export const json = (name: string) => jsonb(name);

/**
 * SQLite's integers are 64-bit; PostgreSQL's `integer` is not. Columns whose values pass 2^31
 * (epoch-millisecond windows, byte counts, WebAuthn's unsigned 32-bit counter) are `bigint` here.
 */
export const bigNumber = (name: string) => bigint(name, { mode: "number" });
