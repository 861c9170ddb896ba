/** PostgreSQL twin of db/schema/resellers.ts: same tables, property and column names (see there for their meaning). */
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

export const resellers = pgTable("resellers", {
  id: id(),
  name: text("name").notNull(),

  customerNumberBase: integer("customer_number_base").notNull().unique(),
  createdAt: createdAt(),
});
