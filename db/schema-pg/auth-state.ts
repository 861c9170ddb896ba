/** PostgreSQL twin of db/schema/auth-state.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id, timestampMs } from "./columns";
import { PRINCIPAL_KINDS } from "../schema/auth-state";

export { PRINCIPAL_KINDS, type PrincipalKind } from "../schema/auth-state";

export const recoveryTokens = pgTable(
  "recovery_tokens",
  {
    id: id(),
    tokenHash: text("token_hash").notNull().unique(),
    principalKind: text("principal_kind", { enum: PRINCIPAL_KINDS }).notNull(),
    principalId: integer("principal_id").notNull(),
    sentTo: text("sent_to").notNull(),
    expiresAt: timestampMs("expires_at").notNull(),
    usedAt: timestampMs("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_tokens_principal_idx").on(t.principalKind, t.principalId)],
);

export const loginGrants = pgTable("login_grants", {
  tokenHash: text("token_hash").primaryKey(),
  principalKind: text("principal_kind", { enum: PRINCIPAL_KINDS }).notNull(),
  principalId: integer("principal_id").notNull(),
  expiresAt: timestampMs("expires_at").notNull(),
});

export const authThrottle = pgTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStart: timestampMs("window_start").notNull(),
  lockedUntil: timestampMs("locked_until"),
  lockCount: integer("lock_count").notNull().default(0),
});

export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sid: text("sid").primaryKey(),
    expiresAt: timestampMs("expires_at").notNull(),
  },
  (t) => [index("revoked_sessions_expires_idx").on(t.expiresAt)],
);
