/** PostgreSQL twin of db/schema/mail-home-removals.ts (see there). */
import { pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

export const mailHomeRemovals = pgTable("mail_home_removals", {
  home: text("home").primaryKey(),
  createdAt: createdAt(),
});
