/** PostgreSQL twin of db/schema/domains.ts: same tables, property and column names (see there for their meaning). */
import { type AnyPgColumn, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { customers } from "./customers";
import { mailboxes } from "./mailboxes";
import { resellers } from "./resellers";
import { subscriptions } from "./subscriptions";

export const domains = pgTable(
  "domains",
  {
    id: id(),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => subscriptions.id),
    name: text("name").notNull().unique(),
    mailboxCount: integer("mailbox_count").notNull().default(0),
    catchAllMailboxId: integer("catch_all_mailbox_id").references((): AnyPgColumn => mailboxes.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("domains_reseller_idx").on(t.resellerId),
    index("domains_customer_name_idx").on(t.customerId, t.name),
    index("domains_subscription_idx").on(t.subscriptionId, t.name),
  ],
);
