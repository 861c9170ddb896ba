import "server-only";
import { type Db, getDb } from "@/db";
import type { Actor } from "@/lib/authz/actor";
import type { FieldMessages } from "@/lib/i18n/message-ref";
import { getSubscriptionForCustomer } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { idField, quotaField } from "@/lib/validation/mailbox";
import { resolveQuota } from "./mailbox-limits";

/**
 * The package's quota check on a form the schema refused (a too short password, a bad local part),
 * so "höchstens 2048 MB" shows in the same answer as those errors. Reads the subscription through
 * the caller's scope like the services; ids or a quota the schema refuses add nothing here.
 */
export async function quotaErrorsAlongside(
  actor: Actor,
  raw: Partial<Record<string, string | string[]>>,
  db: Db = getDb(),
): Promise<FieldMessages> {
  const id = idField.safeParse(raw.subscriptionId);
  const quota = quotaField.safeParse(raw.quotaMb ?? "");
  if (!id.success || !quota.success) return {};
  const sub = await getSubscriptionForCustomer(actor, id.data, db);
  const resolved = resolveQuota(quota.data, sub.limits.mailboxQuotaMb);
  return "error" in resolved ? { quotaMb: [resolved.error] } : {};
}
