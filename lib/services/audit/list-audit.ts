import "server-only";
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { auditLog } from "@/db/schema";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Actor } from "@/lib/authz/actor";
import type { AuditQuery } from "@/lib/validation/audit";

export const AUDIT_PAGE_SIZE = 50;

/**
 * Who may read which entries: admin and support everything, a reseller its tenants' entries, a
 * customer the entries about its own account. Other roles read nothing.
 */
export function auditScope(actor: Actor): SQL {
  switch (actor.role) {
    case "admin":
    case "support":
      return sql`1 = 1`;
    case "reseller":
      return eq(auditLog.resellerId, actor.resellerId ?? -1);
    case "customer":
      return and(eq(auditLog.resellerId, actor.resellerId ?? -1), eq(auditLog.customerId, actor.customerId ?? -1)) as SQL;
    default:
      return sql`1 = 0`;
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const prefix = (column: AnySQLiteColumn, q: string) => sql`${column} LIKE ${`${escapeLike(q)}%`} ESCAPE '\\'`;

/** Day filters are UTC calendar days, inclusive on both ends. */
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);

/** Newest first, keyset-paginated by id (`before`). Text filters are prefixes, case-insensitive for ASCII. */
export function listAudit(actor: Actor, query: AuditQuery, db: Db = getDb()) {
  const conditions: SQL[] = [auditScope(actor)];
  if (query.actor) conditions.push(prefix(auditLog.actorLabel, query.actor));
  if (query.target) conditions.push(prefix(auditLog.targetLabel, query.target));
  if (query.action) conditions.push(prefix(auditLog.action, query.action));
  if (query.from) conditions.push(gte(auditLog.at, dayStart(query.from)));
  if (query.to) conditions.push(lt(auditLog.at, new Date(dayStart(query.to).getTime() + 86_400_000)));
  if (query.before) conditions.push(lt(auditLog.id, query.before));
  const rows = db
    .select({
      id: auditLog.id, at: auditLog.at, actorKind: auditLog.actorKind, actorId: auditLog.actorId, actorLabel: auditLog.actorLabel, action: auditLog.action,
      targetKind: auditLog.targetKind, targetLabel: auditLog.targetLabel, ip: auditLog.ip, details: auditLog.details,
    })
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .all();
  const hasMore = rows.length > AUDIT_PAGE_SIZE;
  const items = rows.slice(0, AUDIT_PAGE_SIZE);
  return { items, nextBefore: hasMore ? items[items.length - 1].id : null };
}
export type AuditItem = ReturnType<typeof listAudit>["items"][number];
