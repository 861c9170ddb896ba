import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { bool, createdAt, id } from "./columns";
import { customers } from "./customers";
import { resellers } from "./resellers";

export const PANEL_ROLES = ["admin", "reseller", "customer", "support"] as const;
export type PanelRole = (typeof PANEL_ROLES)[number];

/** Accounts of the KundenServiceCenter login area. */
export const users = sqliteTable(
  "users",
  {
    id: id(),
    email: text("email").notNull().unique(),
    role: text("role", { enum: PANEL_ROLES }).notNull(),
    resellerId: integer("reseller_id").references(() => resellers.id),
    customerId: integer("customer_id").references(() => customers.id),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** Bumped on password change or forced logout; every request compares it with the session's. */
    sessionVersion: integer("session_version").notNull().default(1),
    passwordChangedAt: integer("password_changed_at", { mode: "timestamp_ms" }),
    disabled: bool("disabled").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("users_reseller_idx").on(t.resellerId), index("users_customer_idx").on(t.customerId)],
);
