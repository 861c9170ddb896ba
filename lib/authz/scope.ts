import { and, eq, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Actor } from "./actor";

type TenantColumns = { resellerId: SQLiteColumn; customerId?: SQLiteColumn };

/**
 * The tenant condition for a tenant-owned table, to be AND-ed into the same WHERE as the id.
 * Admin and support see every tenant (support only reads: its permissions allow no writes);
 * a reseller its own customers; a customer or mail administrator only its own rows.
 */
export function tenantScope(actor: Actor, table: TenantColumns): SQL {
  switch (actor.role) {
    case "admin":
    case "support":
      return sql`1 = 1`;
    case "reseller":
      return eq(table.resellerId, actor.resellerId ?? -1);
    case "customer":
    case "mailadmin":
    case "mailbox":
      if (!table.customerId) return sql`1 = 0`;
      return and(eq(table.resellerId, actor.resellerId ?? -1), eq(table.customerId, actor.customerId ?? -1)) as SQL;
  }
}
