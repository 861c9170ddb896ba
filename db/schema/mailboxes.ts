import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { bool, createdAt, id, updatedAt } from "./columns";
import { customers } from "./customers";
import { domains } from "./domains";
import { resellers } from "./resellers";

export const mailboxes = sqliteTable(
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
    /** Lower-cased `local@punycode-domain`: Dovecot lower-cases the login name (%Lu). */
    address: text("address").notNull(),
    /** `{ARGON2ID}$argon2id$…`, the exact string Dovecot's passdb reads. */
    passwordHash: text("password_hash").notNull(),
    quotaMb: integer("quota_mb"),
    enabled: bool("enabled").notNull().default(true),
    keepCopy: bool("keep_copy").notNull().default(true),
    recoveryEmail: text("recovery_email"),
    sessionVersion: integer("session_version").notNull().default(1),
    /**
     * Bumped by triggers (migration 0013) whenever the hash is written or the mailbox is switched on or
     * off. Dovecot's passdb (lib/mail/dovecot-lua-passdb.ts) remembers a verified login only together
     * with this version and the hash, so no change can leave an old password working.
     */
    passwordVersion: integer("password_version").notNull().default(1),
    passwordChangedAt: integer("password_changed_at", { mode: "timestamp_ms" }),
    /**
     * Dovecot's home (the Maildir's parent), relative to its mail root. Left empty on insert: a trigger
     * (migration 0017) sets `<domain>/<local>=<id>`, so an address deleted and created again gets a
     * new, empty home and never the old mail. Rows older than that migration keep `<domain>/<local>`.
     */
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
