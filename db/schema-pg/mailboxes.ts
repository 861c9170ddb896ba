/** PostgreSQL twin of db/schema/mailboxes.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { bool, createdAt, id, timestampMs, updatedAt } from "./columns";
import { customers } from "./customers";
import { domains } from "./domains";
import { resellers } from "./resellers";

export const mailboxes = pgTable(
  "mailboxes",
  {
    id: id(),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    domainId: integer("domain_id")
      .notNull()
      .references(() => domains.id, { onDelete: "cascade" }),
    localPart: text("local_part").notNull(),
    address: text("address").notNull(),
    passwordHash: text("password_hash").notNull(),
    quotaMb: integer("quota_mb"),
    enabled: bool("enabled").notNull().default(true),
    keepCopy: bool("keep_copy").notNull().default(true),
    recoveryEmail: text("recovery_email"),
    sessionVersion: integer("session_version").notNull().default(1),
    passwordVersion: integer("password_version").notNull().default(1),
    passwordChangedAt: timestampMs("password_changed_at"),
    home: text("home").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("mailboxes_address_uq").on(t.address),
    /**
     * A domain's addresses by local part, and (after the key) everything the Plesk address list and the
     * support search by domain read of a row: those pages are answered from the index alone, without a
     * seek into the table per row (issue 22.3; the index replaced one on domain_id, local_part only).
     */
    index("mailboxes_domain_list_idx").on(t.domainId, t.localPart, t.resellerId, t.customerId, t.id, t.address, t.quotaMb, t.enabled),
    index("mailboxes_reseller_idx").on(t.resellerId),
    index("mailboxes_customer_idx").on(t.customerId),
  ],
);
