import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { bool, createdAt, id } from "./columns";
import { customers } from "./customers";
import { domains } from "./domains";
import { resellers } from "./resellers";

/**
 * Mail accounts of packages without a panel: `k10001.001`, `.002` … Account `.001` is created at the
 * customer's first order of such a package, and its password also opens the E-Mail-Administration.
 */
export const mailAccounts = sqliteTable(
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
    /** Lower case, e.g. `k10001.001`; the IMAP/SMTP login name. */
    login: text("login").notNull(),
    passwordHash: text("password_hash").notNull(),
    quotaMb: integer("quota_mb"),
    enabled: bool("enabled").notNull().default(true),
    mustChangePassword: bool("must_change_password").notNull().default(false),
    sessionVersion: integer("session_version").notNull().default(1),
    /** As `mailboxes.password_version`: bumped by triggers on every hash write and on/off switch. */
    passwordVersion: integer("password_version").notNull().default(1),
    passwordChangedAt: integer("password_changed_at", { mode: "timestamp_ms" }),
    /** As `mailboxes.home`: set by a trigger to `<login>=<id>` (migration 0017); older rows keep `<login>`. */
    home: text("home").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("mail_accounts_login_uq").on(t.login),
    uniqueIndex("mail_accounts_customer_number_uq").on(t.customerId, t.number),
    index("mail_accounts_reseller_idx").on(t.resellerId),
  ],
);

/** Addresses delivered to a mail account (`kontakt@dorfladen.example` → `k10001.002`). */
export const mailAccountAddresses = sqliteTable(
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
