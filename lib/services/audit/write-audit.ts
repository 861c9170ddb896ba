import type { Db } from "@/db";
import { auditLog } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import type { AuditAction } from "./actions";

export type AuditEntry = {
  action: AuditAction;
  targetKind?: string;
  targetId?: number;
  targetLabel?: string;
  resellerId?: number | null;
  customerId?: number | null;
  ip?: string | null;
  /** Never a password, hash or token: only ids, names and flags. */
  details?: Record<string, string | number | boolean | null>;
};

type Tx = Pick<Db, "insert">;

/** Written inside the caller's transaction, so the entry exists exactly when the change does. */
export async function writeAudit(tx: Tx, actor: Pick<Actor, "kind" | "id" | "label" | "apiKeyName"> | null, entry: AuditEntry) {
  await tx.insert(auditLog).values({
    actorKind: actor?.kind ?? "anonymous",
    actorId: actor?.id ?? null,
    actorLabel: actor?.label ?? "anonymous",
    // Structured, not in the label: the reader's language phrases "via API key" (actor-text.ts).
    actorApiKey: actor?.apiKeyName ?? null,
    action: entry.action,
    targetKind: entry.targetKind ?? null,
    targetId: entry.targetId ?? null,
    targetLabel: entry.targetLabel ?? null,
    resellerId: entry.resellerId ?? null,
    customerId: entry.customerId ?? null,
    ip: entry.ip ?? null,
    details: entry.details ?? null,
  });
}
