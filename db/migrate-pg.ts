import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

export const PG_MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations-pg");

/**
 * Collations that order text by code point, as SQLite's BINARY does and as Kontor's own comparisons
 * assume: keyset cursors compared in JavaScript (the Plesk list's next domain), prefix ranges built in
 * code (the support search). "C.UTF-8" orders UTF-8 by code point too (glibc 2.35 and later).
 */
const BYTEWISE_COLLATIONS = new Set(["C", "POSIX", "C.UTF-8", "C.utf8"]);

export type DatabaseLocale = { provider: string; collate: string; encoding: string };

/**
 * Why Kontor cannot use a database with this locale, or null when it can. A language's collation (libc
 * en_US.UTF-8, or any ICU locale) sorts "a_b" before "a0b" and "Zed" after "anna": a page's cursor
 * would skip or repeat rows and the support search's address prefix would miss addresses.
 */
export function databaseLocaleProblem(locale: DatabaseLocale): string | null {
  if (locale.encoding !== "UTF8") return `its encoding is ${locale.encoding}, not UTF8`;
  // PostgreSQL 17's builtin provider has only code-point collations (C, C.UTF-8).
  if (locale.provider === "b") return null;
  if (locale.provider !== "c") return "it sorts text with an ICU collation, not byte-wise";
  if (!BYTEWISE_COLLATIONS.has(locale.collate)) return `it sorts text as ${locale.collate}, not byte-wise (C)`;
  return null;
}

/** The statement an operator runs instead, named in the refusal. */
const CREATE_HINT =
  "Create Kontor's database with: CREATE DATABASE kontor OWNER kontor TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER libc LOCALE 'C'";

async function assertDatabaseLocale(client: pg.Client) {
  const { rows } = await client.query<DatabaseLocale & { name: string }>(
    `SELECT datname AS name, datlocprovider AS provider, datcollate AS collate, pg_encoding_to_char(encoding) AS encoding
       FROM pg_database WHERE datname = current_database()`,
  );
  const problem = rows[0] && databaseLocaleProblem(rows[0]);
  if (problem) throw new Error(`Kontor cannot use the database ${rows[0].name}: ${problem}. ${CREATE_HINT}`);
}

/** Any constant shared by every Kontor instance: the key of the advisory lock around migrating. */
const MIGRATION_LOCK = 746_865_001;

/**
 * Applies the committed PostgreSQL migrations (db/migrations-pg) to the database at `url`. Drizzle runs
 * the pending ones in one transaction, so a failure leaves the database as it was. Several panel
 * instances may start at once: the advisory lock lets one migrate while the others wait, and those
 * then find nothing left to do. A database whose locale would make Kontor page or search wrongly is
 * refused before anything is written (databaseLocaleProblem).
 */
export async function migratePostgres(url: string, migrationsFolder = PG_MIGRATIONS_FOLDER): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await assertDatabaseLocale(client);
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
