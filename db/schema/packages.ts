import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { bool, createdAt, id, limit } from "./columns";
import { resellers } from "./resellers";

export const PANEL_KINDS = ["plesk8", "plesk9", "plesk10", "none"] as const;
export type PanelKind = (typeof PANEL_KINDS)[number];

/** A reseller's tariff. Limits are NULL when unlimited. */
export const packages = sqliteTable(
  "packages",
  {
    id: id(),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    name: text("name").notNull(),
    panel: text("panel", { enum: PANEL_KINDS }).notNull(),
    maxDomains: limit("max_domains"),
    maxMailboxes: limit("max_mailboxes"),
    mailboxQuotaMb: limit("mailbox_quota_mb"),
    maxForwards: limit("max_forwards"),
    /** E-Mail-Aliases per subscription. */
    maxAliases: limit("max_aliases"),
    spamFilterEnabled: bool("spam_filter_enabled").notNull().default(true),
    forwardingEnabled: bool("forwarding_enabled").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("packages_reseller_idx").on(t.resellerId, t.name)],
);
