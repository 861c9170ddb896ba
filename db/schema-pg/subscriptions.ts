/** PostgreSQL twin of db/schema/subscriptions.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { customers } from "./customers";
import { packages } from "./packages";
import { resellers } from "./resellers";

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: id(),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    packageId: integer("package_id")
      .notNull()
      .references(() => packages.id),
    mailboxCount: integer("mailbox_count").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("subscriptions_reseller_idx").on(t.resellerId),
    index("subscriptions_customer_idx").on(t.customerId),
    index("subscriptions_package_idx").on(t.packageId),
  ],
);
