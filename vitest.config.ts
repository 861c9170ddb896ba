import react from "@vitejs/plugin-react";
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "tests/support/server-only.ts") };

/**
 * Unit tests about SQLite itself, or that reach into it raw where the factories and services cannot
 * (each with the reason): every other unit test runs a second time on PostgreSQL (the unit-pg project).
 */
const SECURITY_WORLD = "the security world is copied per test as a serialized SQLite image (tests/support/security/world.ts)";
const SQLITE_ONLY_UNIT_TESTS: Record<string, string> = {
  "tests/unit/health.test.ts":
    "SQLite's health report (edits its __drizzle_migrations table); PostgreSQL's: tests/e2e/healthz.test.ts in the PostgreSQL pass",
  "tests/unit/postfix-contract.test.ts":
    "runs Postfix's SQLite lookup statements and SQLite's query plans; Postfix on PostgreSQL: tests/integration/mail-on-postgres.test.ts",
  "tests/unit/recovery-enumeration.test.ts": "an on-disk SQLite file of its own",
  "tests/unit/schema.test.ts":
    "SQLite's migrations, pragmas and triggers (PostgreSQL's: tests/unit/schema-pg.test.ts, tests/integration/postgres-schema.test.ts)",
  "tests/unit/statement-cache.test.ts": "better-sqlite3's prepared-statement cache (db/statement-cache.ts)",
  "tests/unit/list-query-plans.test.ts": "SQLite's query plans for the address lists (EXPLAIN QUERY PLAN)",
  "tests/unit/sqlite-statistics.test.ts": "SQLite's query statistics (PRAGMA optimize; PostgreSQL's autovacuum keeps its own)",
  "tests/unit/export-large.test.ts":
    "SQLite's limit of 32,766 parameters a statement; the export's joins run on PostgreSQL in tests/unit/export.test.ts",
  "tests/unit/security/action-fuzz.test.ts": SECURITY_WORLD,
  "tests/unit/security/action-matrix.test.ts": SECURITY_WORLD,
  "tests/unit/security/api-access-matrix.test.ts": SECURITY_WORLD,
  "tests/unit/security/name-canonicalisation.test.ts": SECURITY_WORLD,
  "tests/unit/security/permission-table.test.ts": SECURITY_WORLD,
  "tests/unit/security/route-matrix.test.ts": SECURITY_WORLD,
};

/**
 * Integration and e2e tests left out of scripts/test-all.sh's PostgreSQL pass (KONTOR_DATABASE_URL set),
 * each with the reason; every other one runs in both passes.
 */
const SQLITE_ONLY_TESTS: Record<string, string> = {
  "tests/integration/backup-restore.test.ts": "backs up and restores the SQLite file (PostgreSQL: pg_dump, docs/scaling.md)",
  "tests/integration/durability.test.ts": "SQLite's pragmas and a writer process killed mid-transaction on the SQLite file",
  "tests/integration/db-copy.test.ts": "copies a SQLite file to a PostgreSQL of its own and back: both directions run in the SQLite pass",
  "tests/integration/load-login-storm.test.ts":
    "checks the SQLite file's integrity after the storm (PRAGMA integrity_check) and reads it raw",
  "tests/integration/load-tenant-writes.test.ts":
    "writer processes on one SQLite file (busy timeout, WAL); concurrent writers on PostgreSQL: tests/e2e/postgres-instances.test.ts",
  "tests/integration/import-job-kill.test.ts":
    "kills the import command mid-batch on a SQLite file of its own (KONTOR_DB); not yet moved to a PostgreSQL database of its own",
  "tests/integration/postgres-schema.test.ts": "compares SQLite's and PostgreSQL's views side by side on a PostgreSQL of its own",
  "tests/integration/mail-on-postgres.test.ts": "starts a PostgreSQL of its own; a second run in the PostgreSQL pass proves nothing new",
  "tests/integration/dovecot-silent-database.test.ts":
    "starts a PostgreSQL of its own; a second run in the PostgreSQL pass proves nothing new",
  "tests/e2e/postgres-instances.test.ts": "starts a PostgreSQL of its own; a second run in the PostgreSQL pass proves nothing new",
  "tests/e2e/postgres-standby.test.ts":
    "starts a PostgreSQL and a standby of its own; a second run in the PostgreSQL pass proves nothing new",
  "tests/e2e/healthz-failing-parts.test.ts": "lets the migrations of its own SQLite file fall behind (its __drizzle_migrations rows)",
};

// As lib/config decides: a postgres:// URL means PostgreSQL.
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.KONTOR_DATABASE_URL ?? "");
const passExclude = onPostgres ? Object.keys(SQLITE_ONLY_TESTS) : [];

/**
 * Every test gets one retry: on a loaded 2-core machine a wait or a 5-second limit (argon2, Chromium,
 * the real servers) can run out once. A test that passes only on its retry is named at the end of the
 * run (tests/support/flaky-reporter.ts, scripts/summarize-tests.mjs); one that fails twice fails the run.
 */
const RETRY = 1;

/**
 * unit: node + in-memory SQLite with the real migrations; components: jsdom + Testing Library;
 * integration and e2e use the real Dovecot, SMTP listener and Chromium started by scripts/test-all.sh.
 */
export default defineConfig({
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", environment: "node", include: ["tests/unit/**/*.test.ts"], retry: RETRY } },
      {
        resolve: { alias },
        test: {
          name: "unit-pg",
          environment: "node",
          include: ["tests/unit/**/*.test.ts"],
          exclude: Object.keys(SQLITE_ONLY_UNIT_TESTS),
          globalSetup: ["tests/support/pg-global-setup.ts"],
          setupFiles: ["tests/support/pg-setup.ts"],
          hookTimeout: 60_000,
          retry: RETRY,
        },
      },
      {
        plugins: [react()],
        resolve: { alias },
        test: {
          name: "components",
          environment: "jsdom",
          include: ["tests/components/**/*.test.tsx"],
          setupFiles: ["tests/support/jsdom-setup.ts"],
          retry: RETRY,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts"],
          exclude: passExclude,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          retry: RETRY,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          environment: "node",
          include: ["tests/e2e/**/*.test.ts"],
          exclude: passExclude,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          retry: RETRY,
          fileParallelism: false,
        },
      },
    ],
  },
});
