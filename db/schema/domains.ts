import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";
import { customers } from "./customers";
import { mailAccounts } from "./mail-accounts";
import { mailboxes } from "./mailboxes";
import { resellers } from "./resellers";
import { subscriptions } from "./subscriptions";

export const domains = sqliteTable(
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
    /** ASCII (punycode) and lower case; shown as Unicode. */
    name: text("name").notNull().unique(),
    /** Maintained with every mailbox write so pages never COUNT(*) a large domain. */
    mailboxCount: integer("mailbox_count").notNull().default(0),
    /** Catch-all: mail to unknown addresses of the domain goes to this mailbox of the domain; NULL refuses it. */
    catchAllMailboxId: integer("catch_all_mailbox_id").references((): AnySQLiteColumn => mailboxes.id, { onDelete: "set null" }),
    /** Or (E-Mail-Administration) to this mail account of the customer; at most one of the two is set. */
    catchAllMailAccountId: integer("catch_all_mail_account_id").references((): AnySQLiteColumn => mailAccounts.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
  },
  (t) => [
    index("domains_reseller_idx").on(t.resellerId),
    index("domains_customer_name_idx").on(t.customerId, t.name),
    index("domains_subscription_idx").on(t.subscriptionId, t.name),
    // For the foreign key's ON DELETE SET NULL when a mail account is deleted.
    index("domains_catch_all_account_idx").on(t.catchAllMailAccountId),
    // Postfix and Dovecot look the catch-all delivery address up by this very expression (migration 0014).
    index("domains_catch_all_address_idx")
      .on(sql`('kontor=catchall@' || ${t.name})`)
      .where(sql`${t.catchAllMailAccountId} IS NOT NULL`),
  ],
);
