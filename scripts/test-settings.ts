import { drizzle } from "drizzle-orm/better-sqlite3";
import { openSqlite } from "@/db/open";
import { openPostgres } from "@/db/postgres";
import * as schema from "@/db/schema/sqlite";
import { writeMfaPolicy } from "@/lib/auth/mfa/policy-store";
import { config, databasePath } from "@/lib/config";

/**
 * Settings for the shared end-to-end test database: staff are not forced to enrol a second factor,
 * so every developer's e2e login of admin/support/reseller keeps working. Tests of the enforcement
 * switch it on for themselves and off again. Usage: tsx scripts/test-settings.ts [<db>]; without an
 * argument the configured database (KONTOR_DATABASE_URL for PostgreSQL, else KONTOR_DB), as scripts/seed.ts.
 */
const file = process.argv[2] as string | undefined;
if (!file && config().database.kind === "postgresql") {
  const db = openPostgres(config().database.url, 1);
  await writeMfaPolicy(db, { enforceStaff: false });
  await (db as unknown as { $client: { end(): Promise<void> } }).$client.end();
  console.log("Test settings written to the PostgreSQL database (mfa_policy.enforceStaff=false)");
} else {
  const target = file ?? databasePath();
  const sqlite = openSqlite(target);
  await writeMfaPolicy(drizzle(sqlite, { schema }), { enforceStaff: false });
  sqlite.close();
  console.log(`Test settings written to ${target} (mfa_policy.enforceStaff=false)`);
}
