import { applyMigrations } from "@/db/migrate";
import { migratePostgres } from "@/db/migrate-pg";
import { openSqlite } from "@/db/open";
import { refreshStatistics } from "@/db/statistics";
import { config, databasePath } from "@/lib/config";

// Without an argument: the configured database (KONTOR_DATABASE_URL for PostgreSQL, else KONTOR_DB).
const target = process.argv[2] ?? (config().database.kind === "postgresql" ? config().database.url : databasePath());
const postgres = /^postgres(ql)?:\/\//.test(target);
const shown = postgres ? "the PostgreSQL database" : target;
try {
  if (postgres) {
    await migratePostgres(target);
  } else {
    const sqlite = openSqlite(target);
    applyMigrations(sqlite);
    // An installation that never had query statistics gets them here, at its next start.
    refreshStatistics(sqlite, "all tables");
    sqlite.close();
  }
  console.log(`Migrations applied to ${shown}`);
} catch (error) {
  // Fail closed with a message an operator can act on; the transaction left the database unchanged.
  console.error(`Migration of ${shown} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
