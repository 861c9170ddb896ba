import react from "@vitejs/plugin-react";
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "tests/support/server-only.ts") };

/**
 * The unit tests that run a second time on PostgreSQL (the unit-pg project): every one that builds its
 * data through the services and factories. Those that read or write SQLite directly stay SQLite-only.
 */
const POSTGRES_UNIT_TESTS = [
  "tests/unit/action-enrolment.test.ts",
  "tests/unit/aliases.test.ts",
  "tests/unit/api-keys-others.test.ts",
  "tests/unit/argon2-work-per-path.test.ts",
  "tests/unit/audit.test.ts",
  "tests/unit/audit-api-key-label.test.ts",
  "tests/unit/autoresponder.test.ts",
  "tests/unit/csv-import.test.ts",
  "tests/unit/customers.test.ts",
  "tests/unit/export.test.ts",
  "tests/unit/hash-schemes.test.ts",
  "tests/unit/import-targets.test.ts",
  "tests/unit/import-alias-loops.test.ts",
  "tests/unit/import-jobs.test.ts",
  "tests/unit/limits.test.ts",
  "tests/unit/login-service.test.ts",
  "tests/unit/mail-accounts.test.ts",
  "tests/unit/mailbox-services.test.ts",
  "tests/unit/mailbox-settings.test.ts",
  "tests/unit/mfa-login.test.ts",
  "tests/unit/mfa-manage.test.ts",
  "tests/unit/mfa-totp.test.ts",
  "tests/unit/packages.test.ts",
  "tests/unit/panel-domain-search.test.ts",
  "tests/unit/recovery-account.test.ts",
  "tests/unit/recovery-second-factor.test.ts",
  "tests/unit/revoked-sessions.test.ts",
  "tests/unit/robot-check.test.ts",
  "tests/unit/settings-admin.test.ts",
  "tests/unit/sieve.test.ts",
  "tests/unit/tenant-scope.test.ts",
  "tests/unit/throttle.test.ts",
  "tests/unit/tickets.test.ts",
  "tests/unit/usage-one-source.test.ts",
];

/**
 * unit: node + in-memory SQLite with the real migrations; components: jsdom + Testing Library;
 * integration and e2e use the real Dovecot, SMTP listener and Chromium started by scripts/test-all.sh.
 */
export default defineConfig({
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", environment: "node", include: ["tests/unit/**/*.test.ts"] } },
      {
        resolve: { alias },
        test: {
          name: "unit-pg",
          environment: "node",
          include: POSTGRES_UNIT_TESTS,
          globalSetup: ["tests/support/pg-global-setup.ts"],
          setupFiles: ["tests/support/pg-setup.ts"],
          hookTimeout: 60_000,
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
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          environment: "node",
          include: ["tests/e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
