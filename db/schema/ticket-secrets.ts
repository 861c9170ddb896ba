import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";
import { customers } from "./customers";
import { mailAccounts } from "./mail-accounts";
import { resellers } from "./resellers";
import { tickets } from "./tickets";

/**
 * A password Kontor generated for a ticket, kept only until the customer reveals it once in the
 * KundenServiceCenter. `sealed` is AES-256-GCM ciphertext (lib/crypto/secret-box.ts); on reveal it is
 * set to NULL and `revealedAt` stamped, so the row only remembers that a password was handed out.
 */
export const ticketSecrets = sqliteTable(
  "ticket_secrets",
  {
    id: id(),
    ticketId: integer("ticket_id")
      .notNull()
      .unique()
      .references(() => tickets.id, { onDelete: "cascade" }),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    mailAccountId: integer("mail_account_id")
      .notNull()
      .references(() => mailAccounts.id, { onDelete: "cascade" }),
    sealed: text("sealed"),
    revealedAt: integer("revealed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("ticket_secrets_reseller_idx").on(t.resellerId),
    index("ticket_secrets_customer_idx").on(t.customerId),
    index("ticket_secrets_account_idx").on(t.mailAccountId),
  ],
);
