import { databaseKind } from "@/lib/config";
import * as postgresTables from "../schema-pg";
import * as sqliteTables from "./sqlite";

/**
 * The tables every service imports, for the database this process runs on (KONTOR_DATABASE_URL).
 * db/schema-pg is the PostgreSQL twin of db/schema/sqlite.ts: the same table, property and column
 * names, and the same JavaScript values (Date, boolean, JSON), so one service reads and writes both.
 * Services are typed against the SQLite definitions; tests/unit/schema-pg.test.ts keeps the two in
 * step, and the PostgreSQL test project runs the services on the twin.
 */
const tables = (databaseKind() === "postgresql" ? postgresTables : sqliteTables) as unknown as typeof sqliteTables;

export * from "./sqlite";
export const {
  apiIdempotency,
  apiKeys,
  apiRateWindows,
  auditLog,
  authThrottle,
  autoresponders,
  customers,
  domains,
  forwards,
  importJobSteps,
  importJobs,
  loginGrants,
  mailAccountAddresses,
  mailAccountAutoresponders,
  mailAccounts,
  mailAliasTargets,
  mailAliases,
  mailHomeRemovals,
  mailUsage,
  mailboxes,
  mfaFactors,
  mfaPendingLogins,
  mfaRecoveryCodes,
  mfaRegistrations,
  packages,
  reauthConfirmations,
  recoveryTokens,
  resellers,
  revokedSessions,
  robotCheckUsed,
  senderRules,
  settings,
  spamSettings,
  subscriptions,
  ticketMessages,
  ticketSecrets,
  tickets,
  users,
} = tables;
