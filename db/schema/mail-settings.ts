import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { bool, createdAt, id } from "./columns";
import { customers } from "./customers";
import { mailboxes } from "./mailboxes";
import { resellers } from "./resellers";

export const forwards = sqliteTable(
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

export const SENDER_RULE_KINDS = ["block", "allow"] as const;

/** Black-/Whitelist: a sender address or a whole domain (`@example.com`). */
export const senderRules = sqliteTable(
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

export const SPAM_ACTIONS = ["mark", "junk", "delete"] as const;

export const spamSettings = sqliteTable(
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
    /** 1 (lenient) … 5 (strict). */
    level: integer("level").notNull().default(3),
    action: text("action", { enum: SPAM_ACTIONS }).notNull().default("junk"),
  },
  (t) => [index("spam_settings_reseller_idx").on(t.resellerId), index("spam_settings_customer_idx").on(t.customerId)],
);
