/** PostgreSQL twin of db/schema/customers.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id, timestampMs, updatedAt } from "./columns";
import { resellers } from "./resellers";

export const customers = pgTable(
  "customers",
  {
    id: id(),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerNumber: text("customer_number").notNull().unique(),
    company: text("company"),
    contactName: text("contact_name").notNull(),
    street: text("street").notNull().default(""),
    postalCode: text("postal_code").notNull().default(""),
    city: text("city").notNull().default(""),
    country: text("country").notNull().default("DE"),
    phone: text("phone").notNull().default(""),
    contactEmail: text("contact_email").notNull(),
    stammdatenConfirmedAt: timestampMs("stammdaten_confirmed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("customers_reseller_idx").on(t.resellerId, t.customerNumber)],
);
