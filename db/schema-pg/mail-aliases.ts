/** PostgreSQL twin of db/schema/mail-aliases.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { customers } from "./customers";
import { domains } from "./domains";
import { resellers } from "./resellers";

export const mailAliases = pgTable(
  "mail_aliases",
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
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("mail_aliases_address_uq").on(t.address),
    index("mail_aliases_domain_idx").on(t.domainId),
    index("mail_aliases_reseller_idx").on(t.resellerId),
    index("mail_aliases_customer_idx").on(t.customerId),
  ],
);

export const mailAliasTargets = pgTable(
  "mail_alias_targets",
  {
    id: id(),
    aliasId: integer("alias_id")
      .notNull()
      .references(() => mailAliases.id, { onDelete: "cascade" }),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    target: text("target").notNull(),
  },
  (t) => [
    uniqueIndex("mail_alias_targets_alias_target_uq").on(t.aliasId, t.target),
    index("mail_alias_targets_target_idx").on(t.target),
    index("mail_alias_targets_reseller_idx").on(t.resellerId),
    index("mail_alias_targets_customer_idx").on(t.customerId),
  ],
);
