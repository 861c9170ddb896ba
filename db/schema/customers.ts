import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id, updatedAt } from "./columns";
import { resellers } from "./resellers";

export const customers = sqliteTable(
  "customers",
  {
    id: id(),
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    /** Shown as "K10001"; unique across the whole installation. */
    customerNumber: text("customer_number").notNull().unique(),
    company: text("company"),
    contactName: text("contact_name").notNull(),
    street: text("street").notNull().default(""),
    postalCode: text("postal_code").notNull().default(""),
    city: text("city").notNull().default(""),
    country: text("country").notNull().default("DE"),
    phone: text("phone").notNull().default(""),
    contactEmail: text("contact_email").notNull(),
    /** Set when the customer confirmed the Stammdaten before entering the SupportCenter. */
    stammdatenConfirmedAt: integer("stammdaten_confirmed_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("customers_reseller_idx").on(t.resellerId, t.customerNumber)],
);
