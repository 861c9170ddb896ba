/** PostgreSQL twin of db/schema/mfa.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable, text, jsonb } from "drizzle-orm/pg-core";
import { bigNumber, createdAt, id, timestampMs } from "./columns";
import { users } from "./users";
import { MFA_FACTOR_KINDS } from "../schema/mfa";

export { MFA_FACTOR_KINDS, type MfaFactorKind } from "../schema/mfa";

export const mfaFactors = pgTable(
  "mfa_factors",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MFA_FACTOR_KINDS }).notNull(),
    label: text("label").notNull(),
    secretSealed: text("secret_sealed"),
    lastTimeStep: integer("last_time_step"),
    credentialId: text("credential_id").unique(),
    publicKey: text("public_key"),
    signCount: bigNumber("sign_count").notNull().default(0),
    transports: jsonb("transports").$type<string[]>(),
    confirmedAt: timestampMs("confirmed_at"),
    lastUsedAt: timestampMs("last_used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("mfa_factors_user_idx").on(t.userId)],
);

export const mfaRecoveryCodes = pgTable(
  "mfa_recovery_codes",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestampMs("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("mfa_recovery_codes_user_idx").on(t.userId, t.codeHash)],
);

export const mfaPendingLogins = pgTable(
  "mfa_pending_logins",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    throttleKey: text("throttle_key").notNull(),
    failures: integer("failures").notNull().default(0),
    challenge: text("challenge"),
    expiresAt: timestampMs("expires_at").notNull(),
  },
  (t) => [index("mfa_pending_logins_user_idx").on(t.userId)],
);

export const mfaRegistrations = pgTable("mfa_registrations", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  challenge: text("challenge").notNull(),
  expiresAt: timestampMs("expires_at").notNull(),
});
