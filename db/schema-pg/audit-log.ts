/** PostgreSQL twin of db/schema/audit-log.ts: same tables, property and column names (see there for their meaning). */
import { index, integer, pgTable, text, jsonb } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    at: createdAt(),
    actorKind: text("actor_kind").notNull(),
    actorId: integer("actor_id"),
    actorLabel: text("actor_label").notNull(),
    actorApiKey: text("actor_api_key"),
    action: text("action").notNull(),
    targetKind: text("target_kind"),
    targetId: integer("target_id"),
    targetLabel: text("target_label"),
    resellerId: integer("reseller_id"),
    customerId: integer("customer_id"),
    ip: text("ip"),
    details: jsonb("details").$type<Record<string, string | number | boolean | null>>(),
  },
  (t) => [
    index("audit_log_reseller_idx").on(t.resellerId, t.id),
    index("audit_log_customer_idx").on(t.customerId, t.id),
    index("audit_log_target_idx").on(t.targetKind, t.targetId, t.id),
    index("audit_log_action_idx").on(t.action, t.id),
  ],
);
