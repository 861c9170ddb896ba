import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { PRINCIPAL_KINDS } from "./auth-state";

/**
 * Robot-check (ALTCHA) challenges that were already redeemed, keyed by the SHA-256 of the challenge
 * signature. A solution is only accepted when its row can be inserted, so a replay is refused even
 * across restarts; rows are purged once the challenge itself has expired.
 */
export const robotCheckUsed = sqliteTable(
  "robot_check_used",
  {
    challengeHash: text("challenge_hash").primaryKey(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("robot_check_used_expires_idx").on(t.expiresAt)],
);

/**
 * When a logged-in principal last confirmed its current password ("Konto bearbeiten"). Kept on the
 * server so a stolen cookie alone never opens the sensitive changes; the window is checked in code.
 */
export const reauthConfirmations = sqliteTable(
  "reauth_confirmations",
  {
    principalKind: text("principal_kind", { enum: PRINCIPAL_KINDS }).notNull(),
    principalId: integer("principal_id").notNull(),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }).notNull(),
    /** Session version at confirmation time; a later password change or logout-all voids it. */
    sessionVersion: integer("session_version").notNull(),
  },
  (t) => [primaryKey({ columns: [t.principalKind, t.principalId] })],
);
