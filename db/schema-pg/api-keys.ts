/** PostgreSQL twin of db/schema/api-keys.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, primaryKey, pgTable, text, uniqueIndex, jsonb } from "drizzle-orm/pg-core";
import { bigNumber, createdAt, id, timestampMs } from "./columns";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    userId: integer("user_id").notNull(),
    resellerId: integer("reseller_id"),
    customerId: integer("customer_id"),
    name: text("name").notNull(),
    publicId: text("public_id").notNull(),
    secretHash: text("secret_hash").notNull(),
    scopes: jsonb("scopes").$type<string[]>().notNull(),
    expiresAt: timestampMs("expires_at"),
    lastUsedAt: timestampMs("last_used_at"),
    revokedAt: timestampMs("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_keys_public_id_idx").on(t.publicId), index("api_keys_user_idx").on(t.userId)],
);

export const apiIdempotency = pgTable(
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

export const apiRateWindows = pgTable(
  "api_rate_windows",
  {
    keyId: integer("key_id").notNull(),
    windowStart: bigNumber("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.windowStart] })],
);
