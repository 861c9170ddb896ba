import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

export const PG_MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations-pg");

/** Any constant shared by every Kontor instance: the key of the advisory lock around migrating. */
const MIGRATION_LOCK = 746_865_001;

/**
 * Applies the committed PostgreSQL migrations (db/migrations-pg) to the database at `url`. Drizzle runs
 * the pending ones in one transaction, so a failure leaves the database as it was. Several panel
 * instances may start at once: the advisory lock lets one migrate while the others wait, and those
 * then find nothing left to do.
 */
export async function migratePostgres(url: string, migrationsFolder = PG_MIGRATIONS_FOLDER): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client), { migrationsFolder });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    await client.end();
  }
}
