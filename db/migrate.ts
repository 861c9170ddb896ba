import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import path from "node:path";
import type { SqliteDatabase } from "./open";
import * as schema from "./schema";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Applies the committed migrations; a failure throws and leaves the database as it was. */
export function applyMigrations(sqlite: SqliteDatabase, migrationsFolder = MIGRATIONS_FOLDER) {
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
}
