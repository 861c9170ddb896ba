import "server-only";
import { escapeLike, likeAnyCase } from "@/db/dialect";
import { and, desc, gte, lt, sql, type SQL } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { auditLog } from "@/db/schema";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { tenantScope } from "@/lib/authz/scope";
import type { AuditQuery } from "@/lib/validation/audit";

export const AUDIT_PAGE_SIZE = 50;

/**
 * Who may read which entries: whoever holds audit.read, within its tenant scope (admin and support
 * everything, a reseller its tenants' entries, a customer the entries about its own account). Others
 * read nothing.
 */
export function auditScope(actor: Actor): SQL {
  return can(actor, "audit.read") ? tenantScope(actor, auditLog) : sql`1 = 0`;
}

/** Customers see their own addresses in the log, not where staff worked from (audit.readIps). */
export function auditIpVisible(actor: Actor, entry: { actorKind: string; actorId: number | null }): boolean {
  return can(actor, "audit.readIps") || (entry.actorKind === actor.kind && entry.actorId === actor.id);
}

/** Everyone reads phrases; the administration also sees the stored code (API filters, scripts). */
export function auditCodesVisible(actor: Actor): boolean {
  return can(actor, "audit.readCodes");
}

const prefix = (column: AnySQLiteColumn, q: string) => likeAnyCase(column, `${escapeLike(q)}%`);

/** Day filters are UTC calendar days, inclusive on both ends. */
const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);

/** Newest first, keyset-paginated by id (`before`). Text filters are prefixes, case-insensitive for ASCII. */
export async function listAudit(actor: Actor, query: AuditQuery, db: Db = getDb()) {
  const conditions: SQL[] = [auditScope(actor)];
  if (query.actor) conditions.push(prefix(auditLog.actorLabel, query.actor));
  if (query.target) conditions.push(prefix(auditLog.targetLabel, query.target));
  if (query.action) conditions.push(prefix(auditLog.action, query.action));
  if (query.from) conditions.push(gte(auditLog.at, dayStart(query.from)));
  if (query.to) conditions.push(lt(auditLog.at, new Date(dayStart(query.to).getTime() + 86_400_000)));
  if (query.before) conditions.push(lt(auditLog.id, query.before));
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorKind: auditLog.actorKind,
      actorId: auditLog.actorId,
      actorLabel: auditLog.actorLabel,
      actorApiKey: auditLog.actorApiKey,
      action: auditLog.action,
      targetKind: auditLog.targetKind,
      targetLabel: auditLog.targetLabel,
      ip: auditLog.ip,
      details: auditLog.details,
    })
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const hasMore = rows.length > AUDIT_PAGE_SIZE;
  const items = rows.slice(0, AUDIT_PAGE_SIZE);
  return { items, nextBefore: hasMore ? items[items.length - 1].id : null };
}
export type AuditItem = Awaited<ReturnType<typeof listAudit>>["items"][number];
