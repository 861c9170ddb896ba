import { integer, text } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";

/** Unix epoch milliseconds; SQLite has no date type and integers index well. */
export const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const updatedAt = () =>
  integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/** Nullable limit: NULL means unlimited. */
export const limit = (name: string) => integer(name);

export const bool = (name: string) => integer(name, { mode: "boolean" });

export const id = () => integer("id").primaryKey({ autoIncrement: true });

export const json = (name: string) => text(name, { mode: "json" });
