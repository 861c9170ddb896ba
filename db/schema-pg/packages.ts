/** PostgreSQL twin of db/schema/packages.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { bool, createdAt, id, limit } from "./columns";
import { resellers } from "./resellers";
import { PANEL_KINDS } from "../schema/packages";

export { PANEL_KINDS, type PanelKind } from "../schema/packages";

export const packages = pgTable(
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
    maxAliases: limit("max_aliases"),
    spamFilterEnabled: bool("spam_filter_enabled").notNull().default(true),
    forwardingEnabled: bool("forwarding_enabled").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("packages_reseller_idx").on(t.resellerId, t.name)],
);
