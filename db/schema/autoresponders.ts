import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { bool, updatedAt } from "./columns";
import { customers } from "./customers";
import { mailAccounts } from "./mail-accounts";
import { mailboxes } from "./mailboxes";
import { resellers } from "./resellers";

/** Pigeonhole answers a sender at most once per this many days (Sieve `vacation :days`). */
export const AUTORESPONDER_INTERVALS = { min: 1, max: 30, default: 7 } as const;

/** The reply itself, one column set for mailboxes and mail accounts. */
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

/**
 * Abwesenheitsnotiz / out-of-office reply of one mailbox, run as Sieve `vacation` (lib/mail/sieve).
 * A row may exist switched off, so the text survives a holiday. Dates are calendar days
 * (`YYYY-MM-DD`, both inclusive) in the server's zone; NULL means open-ended.
 */
export const autoresponders = sqliteTable(
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

/** The same reply for a mail account of the E-Mail-Administration (Sieve file named after its login). */
export const mailAccountAutoresponders = sqliteTable(
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

/**
 * Written by Dovecot, read by the lists: storage in use (quota_clone plugin, on every change of the
 * mailbox) and the last login (the Lua passdb, to the minute), keyed by Dovecot's user name, i.e. the `login` of
 * its userdb (a mailbox address or a mail account's login). Kontor writes them only to drop rows of
 * users that no longer exist, and in `npm run mail:usage -- --recalc` (lib/mail/usage-recalc.ts), which
 * stores what doveadm reports for users quota_clone has not written yet.
 */
export const mailUsage = sqliteTable("mail_usage", {
  login: text("login").primaryKey(),
  storageBytes: integer("storage_bytes"),
  messages: integer("messages"),
  /** Unix seconds; rewritten at a login only when a minute old or more (lib/mail/dovecot-lua-passdb.ts). */
  lastLogin: integer("last_login"),
});
