/** PostgreSQL twin of db/schema/mail-settings.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { bool, createdAt, id } from "./columns";
import { customers } from "./customers";
import { mailboxes } from "./mailboxes";
import { resellers } from "./resellers";
import { SENDER_RULE_KINDS, SPAM_ACTIONS } from "../schema/mail-settings";

export const forwards = pgTable(
  "forwards",
  {
    id: id(),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    mailboxId: integer("mailbox_id")
      .notNull()
      .references(() => mailboxes.id, { onDelete: "cascade" }),
    target: text("target").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("forwards_mailbox_target_uq").on(t.mailboxId, t.target),
    index("forwards_reseller_idx").on(t.resellerId),
    index("forwards_customer_idx").on(t.customerId),
  ],
);

export { SENDER_RULE_KINDS, SPAM_ACTIONS } from "../schema/mail-settings";

export const senderRules = pgTable(
  "sender_rules",
  {
    id: id(),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    mailboxId: integer("mailbox_id")
      .notNull()
      .references(() => mailboxes.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: SENDER_RULE_KINDS }).notNull(),
    pattern: text("pattern").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("sender_rules_mailbox_pattern_uq").on(t.mailboxId, t.pattern),
    index("sender_rules_reseller_idx").on(t.resellerId),
    index("sender_rules_customer_idx").on(t.customerId),
  ],
);

export const spamSettings = pgTable(
  "spam_settings",
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
    enabled: bool("enabled").notNull().default(true),
    level: integer("level").notNull().default(3),
    action: text("action", { enum: SPAM_ACTIONS }).notNull().default("junk"),
  },
  (t) => [index("spam_settings_reseller_idx").on(t.resellerId), index("spam_settings_customer_idx").on(t.customerId)],
);
