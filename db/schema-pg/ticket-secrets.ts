/** PostgreSQL twin of db/schema/ticket-secrets.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id, timestampMs } from "./columns";
import { customers } from "./customers";
import { mailAccounts } from "./mail-accounts";
import { resellers } from "./resellers";
import { tickets } from "./tickets";

export const ticketSecrets = pgTable(
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
    revealedAt: timestampMs("revealed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("ticket_secrets_reseller_idx").on(t.resellerId),
    index("ticket_secrets_customer_idx").on(t.customerId),
    index("ticket_secrets_account_idx").on(t.mailAccountId),
  ],
);
