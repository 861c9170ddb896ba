import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";
import { users } from "./users";

export const MFA_FACTOR_KINDS = ["totp", "webauthn"] as const;
export type MfaFactorKind = (typeof MFA_FACTOR_KINDS)[number];

/**
 * Second factors of KundenServiceCenter accounts. A TOTP row holds its secret sealed with
 * AES-256-GCM (lib/auth/mfa/secret-box.ts) and is inert until confirmed with a first code; a WebAuthn
 * row holds the public key only. `last_time_step` refuses a TOTP code from a step already used.
 */
export const mfaFactors = sqliteTable(
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
    signCount: integer("sign_count").notNull().default(0),
    transports: text("transports", { mode: "json" }).$type<string[]>(),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("mfa_factors_user_idx").on(t.userId)],
);

/** One-time recovery codes: only a SHA-256 of each is kept; a used code keeps its row with used_at. */
export const mfaRecoveryCodes = sqliteTable(
  "mfa_recovery_codes",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("mfa_recovery_codes_user_idx").on(t.userId, t.codeHash)],
);

/**
 * A login whose password checked out and which now waits for the second factor. Only the token's
 * SHA-256 is stored; it is single-use, expires after 5 minutes and dies after 5 wrong codes.
 * `throttle_key` is the account key of lib/auth/throttle so wrong codes count like wrong passwords.
 */
export const mfaPendingLogins = sqliteTable(
  "mfa_pending_logins",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    throttleKey: text("throttle_key").notNull(),
    failures: integer("failures").notNull().default(0),
    /** The WebAuthn challenge issued for this login, if the user chose a security key. */
    challenge: text("challenge"),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("mfa_pending_logins_user_idx").on(t.userId)],
);

/** The open WebAuthn registration challenge of a user (one at a time). */
export const mfaRegistrations = sqliteTable("mfa_registrations", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  challenge: text("challenge").notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
});
