/** PostgreSQL twin of db/schema/domains.ts: same tables, property and column names (see there for their meaning). */
import { sql } from "drizzle-orm";
import { type AnyPgColumn, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { customers } from "./customers";
import { mailAccounts } from "./mail-accounts";
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
    catchAllMailAccountId: integer("catch_all_mail_account_id").references((): AnyPgColumn => mailAccounts.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("domains_reseller_idx").on(t.resellerId),
    index("domains_customer_name_idx").on(t.customerId, t.name),
    index("domains_subscription_idx").on(t.subscriptionId, t.name),
    index("domains_catch_all_account_idx").on(t.catchAllMailAccountId),
    index("domains_catch_all_address_idx")
      .on(sql`('kontor=catchall@' || ${t.name})`)
      .where(sql`${t.catchAllMailAccountId} IS NOT NULL`),
  ],
);
