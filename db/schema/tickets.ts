import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt } from "./columns";
import { customers } from "./customers";
import { resellers } from "./resellers";
import { users } from "./users";

export const TICKET_STATUSES = ["new", "in_progress", "answered", "closed"] as const;
export const TICKET_CATEGORIES = ["general", "billing", "technical", "reset_mailadmin_password"] as const;

export const tickets = sqliteTable(
  "tickets",
  {
    id: id(),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    openedByUserId: integer("opened_by_user_id")
      .notNull()
      .references(() => users.id),
    category: text("category", { enum: TICKET_CATEGORIES }).notNull(),
    subject: text("subject").notNull(),
    status: text("status", { enum: TICKET_STATUSES }).notNull().default("new"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("tickets_reseller_idx").on(t.resellerId),
    index("tickets_customer_idx").on(t.customerId, t.id),
    index("tickets_status_idx").on(t.status, t.id),
  ],
);

export const ticketMessages = sqliteTable(
  "ticket_messages",
  {
    id: id(),
    ticketId: integer("ticket_id")
      .notNull()
      .references(() => tickets.id, { onDelete: "cascade" }),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    authorUserId: integer("author_user_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("ticket_messages_ticket_idx").on(t.ticketId, t.id),
    index("ticket_messages_reseller_idx").on(t.resellerId),
    index("ticket_messages_customer_idx").on(t.customerId),
  ],
);
