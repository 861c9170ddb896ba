import { applyMigrations } from "@/db/migrate";
import { openSqlite } from "@/db/open";
import { databasePath } from "@/lib/config";

const file = process.argv[2] ?? databasePath();
try {
  const sqlite = openSqlite(file);
  applyMigrations(sqlite);
  sqlite.close();
  console.log(`Migrations applied to ${file}`);
} catch (error) {
  // Fail closed with a message a operator can act on; the transaction left the database unchanged.
  console.error(`Migration of ${file} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
