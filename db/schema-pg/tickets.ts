/** PostgreSQL twin of db/schema/tickets.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { customers } from "./customers";
import { resellers } from "./resellers";
import { users } from "./users";
import { TICKET_CATEGORIES, TICKET_STATUSES } from "../schema/tickets";

export { TICKET_CATEGORIES, TICKET_STATUSES } from "../schema/tickets";

export const tickets = pgTable(
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

export const ticketMessages = pgTable(
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
