import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";

/**
 * API keys ("API-Schlüssel") of panel users (admin, reseller, customer). The secret is shown once;
 * only an HMAC-SHA256 of it under a server key is kept (lib/services/api-keys/key-secret.ts): keys
 * are 256 random bits, so a keyed fast hash is as strong as argon2 here and costs microseconds per
 * request. `public_id` is the non-secret part of the key, used to find the row.
 */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: id(),
    userId: integer("user_id").notNull(),
    resellerId: integer("reseller_id"),
    customerId: integer("customer_id"),
    name: text("name").notNull(),
    publicId: text("public_id").notNull(),
    secretHash: text("secret_hash").notNull(),
    scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_keys_public_id_idx").on(t.publicId), index("api_keys_user_idx").on(t.userId)],
);

/**
 * Answers to POSTs with an Idempotency-Key, kept in the database so that every server instance
 * replays the same answer. `request_hash` refuses the same key with another body (422).
 */
export const apiIdempotency = sqliteTable(
  "api_idempotency",
  {
    keyId: integer("key_id").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.idempotencyKey] }), index("api_idempotency_created_idx").on(t.createdAt)],
);

/** Requests per key and fixed window (rate limit), shared by every server process through the database. */
export const apiRateWindows = sqliteTable(
  "api_rate_windows",
  {
    keyId: integer("key_id").notNull(),
    windowStart: integer("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.windowStart] })],
);
