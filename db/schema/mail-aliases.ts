import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";
import { customers } from "./customers";
import { domains } from "./domains";
import { resellers } from "./resellers";

/**
 * "E-Mail-Alias": an address of one of the customer's domains that delivers to one or more targets
 * (mail_alias_targets). Postfix resolves it through the view postfix_virtual; no mailbox behind it.
 */
export const mailAliases = sqliteTable(
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
    /** Lower-cased `local@punycode-domain`, unique across mailboxes, routed addresses and aliases. */
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

/**
 * One target of an alias: a lower-cased address, either one of the same customer's addresses in
 * Kontor (mailbox, routed address or another alias) or an address outside Kontor's domains.
 */
export const mailAliasTargets = sqliteTable(
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
