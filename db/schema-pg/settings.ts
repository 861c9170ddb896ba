/** PostgreSQL twin of db/schema/settings.ts: same tables, property and column names (see there for their meaning). */
import { pgTable, text, jsonb } from "drizzle-orm/pg-core";

export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
});
