import { and, eq, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Actor } from "./actor";

type TenantColumns = { resellerId: SQLiteColumn; customerId?: SQLiteColumn };
/** The tenant columns, or expressions of them (a prepared query may wrap them to keep them out of index choice). */
type TenantExpressions = { resellerId: SQLiteColumn | SQL; customerId?: SQLiteColumn | SQL };

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

/** The scope's kinds of condition, which is what a prepared query's variant depends on. */
export type ScopeKind = "all" | "reseller" | "customer";

export function scopeKind(actor: Actor): ScopeKind {
  if (actor.role === "admin" || actor.role === "support") return "all";
  return actor.role === "reseller" ? "reseller" : "customer";
}

/**
 * tenantScope for prepared queries (db/prepared.ts), with the actor's ids as placeholders filled by
 * tenantParams(actor); build one variant per scopeKind(actor). Same conditions as tenantScope.
 */
export function preparedTenantScope(kind: ScopeKind, table: TenantExpressions): SQL {
  if (kind === "all") return sql`1 = 1`;
  // What eq(column, placeholder) renders, for a column or an expression of one alike.
  const equals = (left: SQLiteColumn | SQL, name: string) => sql`${left} = ${sql.placeholder(name)}`;
  const reseller = equals(table.resellerId, "scopeResellerId");
  if (kind === "reseller") return reseller;
  if (!table.customerId) return sql`1 = 0`;
  return and(reseller, equals(table.customerId, "scopeCustomerId")) as SQL;
}

export function tenantParams(actor: Actor): { scopeResellerId: number; scopeCustomerId: number } {
  return { scopeResellerId: actor.resellerId ?? -1, scopeCustomerId: actor.customerId ?? -1 };
}
