import { drizzle } from "drizzle-orm/better-sqlite3";
import { applyMigrations } from "@/db/migrate";
import { migratePostgres } from "@/db/migrate-pg";
import { openSqlite } from "@/db/open";
import { openPostgres } from "@/db/postgres";
import * as schema from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { config, databasePath } from "@/lib/config";

// Without an argument: the configured database (KONTOR_DATABASE_URL for PostgreSQL, else KONTOR_DB).
if (!process.argv[2] && config().database.kind === "postgresql") {
  const url = config().database.url ?? "";
  await migratePostgres(url);
  const db = openPostgres(url, 2);
  const seeded = await seedDemo(db);
  await (db as unknown as { $client: { end(): Promise<void> } }).$client.end();
  console.log(seeded ? "Demo data written to the PostgreSQL database" : "Demo data already present in the PostgreSQL database");
} else {
  const file = process.argv[2] ?? databasePath();
  const sqlite = openSqlite(file);
  applyMigrations(sqlite);
  const seeded = await seedDemo(drizzle(sqlite, { schema }));
  sqlite.close();
  console.log(seeded ? `Demo data written to ${file}` : `Demo data already present in ${file}`);
}
