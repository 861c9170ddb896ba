import type { Db } from "@/db";
import { auditLog } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import type { AuditAction } from "./actions";
import { AUDIT_DETAIL_KEYS, type AuditDetails } from "./detail-keys";

export type AuditEntry = {
  action: AuditAction;
  targetKind?: string;
  targetId?: number;
  targetLabel?: string;
  resellerId?: number | null;
  customerId?: number | null;
  ip?: string | null;
  /** Never a password, hash or token: only ids, names and flags, under the listed keys (detail-keys.ts). */
  details?: AuditDetails;
};

type Tx = Pick<Db, "insert">;

/** Written inside the caller's transaction, so the entry exists exactly when the change does. */
export async function writeAudit(tx: Tx, actor: Pick<Actor, "kind" | "id" | "label" | "apiKeyName"> | null, entry: AuditEntry) {
  assertListedDetails(entry.details);
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

const listed = new Set<string>(AUDIT_DETAIL_KEYS);

/**
 * The type refuses unlisted keys in literals, not in spread objects (the settings, the spam values):
 * outside production an unlisted key fails the test that writes it, so every stored key has a label.
 */
function assertListedDetails(details: AuditDetails | undefined) {
  if (process.env.NODE_ENV === "production" || !details) return;
  const unlisted = Object.keys(details).filter((key) => !listed.has(key));
  if (unlisted.length) throw new Error(`audit detail keys not in detail-keys.ts: ${unlisted.join(", ")}`);
}
