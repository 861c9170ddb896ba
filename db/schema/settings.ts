import { sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Global settings as JSON values under a key; read through lib/services/settings. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
});
