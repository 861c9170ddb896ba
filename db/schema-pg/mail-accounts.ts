/** PostgreSQL twin of db/schema/mail-accounts.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { bool, createdAt, id, timestampMs } from "./columns";
import { customers } from "./customers";
import { domains } from "./domains";
import { resellers } from "./resellers";

export const mailAccounts = pgTable(
  "mail_accounts",
  {
    id: id(),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    number: integer("number").notNull(),
    login: text("login").notNull(),
    passwordHash: text("password_hash").notNull(),
    quotaMb: integer("quota_mb"),
    enabled: bool("enabled").notNull().default(true),
    mustChangePassword: bool("must_change_password").notNull().default(false),
    sessionVersion: integer("session_version").notNull().default(1),
    passwordVersion: integer("password_version").notNull().default(1),
    passwordChangedAt: timestampMs("password_changed_at"),
    home: text("home").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("mail_accounts_login_uq").on(t.login),
    uniqueIndex("mail_accounts_customer_number_uq").on(t.customerId, t.number),
    index("mail_accounts_reseller_idx").on(t.resellerId),
  ],
);

export const mailAccountAddresses = pgTable(
  "mail_account_addresses",
  {
    id: id(),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    mailAccountId: integer("mail_account_id")
      .notNull()
      .references(() => mailAccounts.id, { onDelete: "cascade" }),
    domainId: integer("domain_id")
      .notNull()
      .references(() => domains.id, { onDelete: "cascade" }),
    localPart: text("local_part").notNull(),
    address: text("address").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("mail_account_addresses_address_uq").on(t.address),
    index("mail_account_addresses_account_idx").on(t.mailAccountId),
    index("mail_account_addresses_domain_idx").on(t.domainId),
    index("mail_account_addresses_customer_idx").on(t.customerId),
    index("mail_account_addresses_reseller_idx").on(t.resellerId),
  ],
);
