import { index, integer, sqliteTable } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";
import { customers } from "./customers";
import { packages } from "./packages";
import { resellers } from "./resellers";

/** A customer's contract for one package. */
export const subscriptions = sqliteTable(
  "subscriptions",
  {
    id: id(),
    resellerId: integer("reseller_id").notNull().references(() => resellers.id),
    customerId: integer("customer_id").notNull().references(() => customers.id),
    packageId: integer("package_id").notNull().references(() => packages.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("subscriptions_reseller_idx").on(t.resellerId),
    index("subscriptions_customer_idx").on(t.customerId),
    index("subscriptions_package_idx").on(t.packageId),
  ],
);
