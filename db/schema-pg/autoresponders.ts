/** PostgreSQL twin of db/schema/autoresponders.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { bigNumber, bool, updatedAt } from "./columns";
import { customers } from "./customers";
import { mailAccounts } from "./mail-accounts";
import { mailboxes } from "./mailboxes";
import { resellers } from "./resellers";
import { AUTORESPONDER_INTERVALS } from "../schema/autoresponders";

export { AUTORESPONDER_INTERVALS } from "../schema/autoresponders";

function replyColumns() {
  return {
    enabled: bool("enabled").notNull().default(false),
    subject: text("subject").notNull().default(""),
    body: text("body").notNull().default(""),
    startsOn: text("starts_on"),
    endsOn: text("ends_on"),
    intervalDays: integer("interval_days").notNull().default(AUTORESPONDER_INTERVALS.default),
    updatedAt: updatedAt(),
  };
}

export const autoresponders = pgTable(
  "autoresponders",
  {
    mailboxId: integer("mailbox_id")
      .primaryKey()
      .references(() => mailboxes.id, { onDelete: "cascade" }),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    ...replyColumns(),
  },
  (t) => [index("autoresponders_reseller_idx").on(t.resellerId), index("autoresponders_customer_idx").on(t.customerId)],
);

export const mailAccountAutoresponders = pgTable(
  "mail_account_autoresponders",
  {
    mailAccountId: integer("mail_account_id")
      .primaryKey()
      .references(() => mailAccounts.id, { onDelete: "cascade" }),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    ...replyColumns(),
  },
  (t) => [
    index("mail_account_autoresponders_reseller_idx").on(t.resellerId),
    index("mail_account_autoresponders_customer_idx").on(t.customerId),
  ],
);

export const mailUsage = pgTable("mail_usage", {
  login: text("login").primaryKey(),
  storageBytes: bigNumber("storage_bytes"),
  messages: integer("messages"),
  lastLogin: bigNumber("last_login"),
});
