import { drizzle } from "drizzle-orm/better-sqlite3";
import { applyMigrations } from "@/db/migrate";
import { openSqlite } from "@/db/open";
import * as schema from "@/db/schema";

/** A fresh in-memory database with the committed migrations applied, as the unit tests use. */
export function createTestDb() {
  const sqlite = openSqlite(":memory:");
  applyMigrations(sqlite);
  return { sqlite, db: drizzle(sqlite, { schema }) };
}
