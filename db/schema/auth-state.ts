import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";

export const PRINCIPAL_KINDS = ["user", "mail_account", "mailbox"] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** One-time recovery links; only the SHA-256 of the token is stored. */
export const recoveryTokens = sqliteTable(
  "recovery_tokens",
  {
    id: id(),
    tokenHash: text("token_hash").notNull().unique(),
    principalKind: text("principal_kind", { enum: PRINCIPAL_KINDS }).notNull(),
    principalId: integer("principal_id").notNull(),
    sentTo: text("sent_to").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("recovery_tokens_principal_idx").on(t.principalKind, t.principalId)],
);

/**
 * Short-lived grants that hand a verified login from Kontor's login service to next-auth's
 * Credentials provider, so the password is checked exactly once and never passes through next-auth.
 */
export const loginGrants = sqliteTable("login_grants", {
  tokenHash: text("token_hash").primaryKey(),
  principalKind: text("principal_kind", { enum: PRINCIPAL_KINDS }).notNull(),
  principalId: integer("principal_id").notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
});

/** Failed-login counters, keyed `acct:<area>:<name>` or `ip:<address>`. */
export const authThrottle = sqliteTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStart: integer("window_start", { mode: "timestamp_ms" }).notNull(),
  lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
  lockCount: integer("lock_count").notNull().default(0),
});

/**
 * Sessions ended by "Abmelden". Sessions are signed cookies (JWT), so a copied cookie would stay valid
 * until it expires; each login's session id is listed here until then and refused on every request.
 */
export const revokedSessions = sqliteTable(
  "revoked_sessions",
  {
    sid: text("sid").primaryKey(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("revoked_sessions_expires_idx").on(t.expiresAt)],
);
