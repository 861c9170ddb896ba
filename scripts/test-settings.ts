import { drizzle } from "drizzle-orm/better-sqlite3";
import { openSqlite } from "@/db/open";
import * as schema from "@/db/schema/sqlite";
import { writeMfaPolicy } from "@/lib/auth/mfa/policy-store";

/**
 * Settings for the shared end-to-end test database: staff are not forced to enrol a second factor,
 * so every developer's e2e login of admin/support/reseller keeps working. Tests of the enforcement
 * switch it on for themselves and off again. Usage: tsx scripts/test-settings.ts <db>
 */
const file = process.argv[2];
if (!file) {
  console.error("usage: tsx scripts/test-settings.ts <database file>");
  process.exit(2);
}
const sqlite = openSqlite(file);
await writeMfaPolicy(drizzle(sqlite, { schema }), { enforceStaff: false });
sqlite.close();
console.log(`Test settings written to ${file} (mfa_policy.enforceStaff=false)`);
