import "server-only";
import { type Db, getDb } from "@/db";
import type { Actor } from "@/lib/authz/actor";
import type { FieldMessages } from "@/lib/i18n/message-ref";
import { noPanelAllowance } from "@/lib/services/orders/usage";
import { limitField } from "@/lib/validation/package";
import { resolveQuota } from "@/lib/services/mailboxes/mailbox-limits";
import { assertMailAdmin } from "./mail-admin-guard";

/**
 * "Mail-Konto anlegen" refused by its schema (a too short password): the package's quota check
 * still runs, so the limit shows in the same answer. A quota the schema refuses adds nothing here.
 */
export async function mailAccountQuotaAlongside(
  actor: Actor,
  raw: Partial<Record<string, string | string[]>>,
  db: Db = getDb(),
): Promise<FieldMessages> {
  const quota = limitField.safeParse(raw.quotaMb ?? "");
  if (!quota.success) return {};
  const tenant = assertMailAdmin(actor);
  const resolved = resolveQuota(quota.data, (await noPanelAllowance(db, tenant.customerId)).quotaMb);
  return "error" in resolved ? { quotaMb: [resolved.error] } : {};
}
