/** PostgreSQL twin of db/schema/recovery.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, primaryKey, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";
import { PRINCIPAL_KINDS } from "../schema/auth-state";

export const robotCheckUsed = pgTable(
  "robot_check_used",
  {
    challengeHash: text("challenge_hash").primaryKey(),
    expiresAt: timestampMs("expires_at").notNull(),
  },
  (t) => [index("robot_check_used_expires_idx").on(t.expiresAt)],
);

export const reauthConfirmations = pgTable(
  "reauth_confirmations",
  {
    principalKind: text("principal_kind", { enum: PRINCIPAL_KINDS }).notNull(),
    principalId: integer("principal_id").notNull(),
    confirmedAt: timestampMs("confirmed_at").notNull(),
    sessionVersion: integer("session_version").notNull(),
  },
  (t) => [primaryKey({ columns: [t.principalKind, t.principalId] })],
);
