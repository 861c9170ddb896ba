import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";

export const resellers = sqliteTable("resellers", {
  id: id(),
  name: text("name").notNull(),
  /** Customer numbers of this reseller count up from here: 10000 → K10001, K10002 … */
  customerNumberBase: integer("customer_number_base").notNull().unique(),
  createdAt: createdAt(),
});
