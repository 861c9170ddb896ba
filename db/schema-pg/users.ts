/** PostgreSQL twin of db/schema/users.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { bool, createdAt, id, timestampMs } from "./columns";
import { customers } from "./customers";
import { resellers } from "./resellers";
import { PANEL_ROLES } from "../schema/users";

export { PANEL_ROLES, type PanelRole } from "../schema/users";

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull().unique(),
    role: text("role", { enum: PANEL_ROLES }).notNull(),
    resellerId: integer("reseller_id").references(() => resellers.id),
    customerId: integer("customer_id").references(() => customers.id),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    sessionVersion: integer("session_version").notNull().default(1),
    passwordChangedAt: timestampMs("password_changed_at"),
    disabled: bool("disabled").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("users_reseller_idx").on(t.resellerId), index("users_customer_idx").on(t.customerId)],
);
