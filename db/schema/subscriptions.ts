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
    resellerId: integer("reseller_id")
      .notNull()
      .references(() => resellers.id),
    customerId: integer("customer_id")
      .notNull()
      .references(() => customers.id),
    packageId: integer("package_id")
      .notNull()
      .references(() => packages.id),
    /**
     * Sum of its domains' mailbox_count, kept by triggers on domains (migration 0007), so pages and
     * limit checks read one row instead of summing a subscription with a thousand domains.
     */
    mailboxCount: integer("mailbox_count").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("subscriptions_reseller_idx").on(t.resellerId),
    index("subscriptions_customer_idx").on(t.customerId),
    index("subscriptions_package_idx").on(t.packageId),
  ],
);
