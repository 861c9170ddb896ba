import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";

/** Append-only: a trigger in the migrations refuses UPDATE and DELETE. Never holds a secret. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    at: createdAt(),
    actorKind: text("actor_kind").notNull(),
    actorId: integer("actor_id"),
    actorLabel: text("actor_label").notNull(),
    /**
     * The API key's name when the change came through API v1. The label stays the owner's login; the
     * reader's language phrases both ("<login> (API key “name”)", lib/services/audit/actor-text.ts).
     */
    actorApiKey: text("actor_api_key"),
    action: text("action").notNull(),
    targetKind: text("target_kind"),
    targetId: integer("target_id"),
    targetLabel: text("target_label"),
    resellerId: integer("reseller_id"),
    customerId: integer("customer_id"),
    ip: text("ip"),
    details: text("details", { mode: "json" }).$type<Record<string, string | number | boolean | null>>(),
  },
  (t) => [
    index("audit_log_reseller_idx").on(t.resellerId, t.id),
    index("audit_log_customer_idx").on(t.customerId, t.id),
    index("audit_log_target_idx").on(t.targetKind, t.targetId, t.id),
    index("audit_log_action_idx").on(t.action, t.id),
  ],
);
