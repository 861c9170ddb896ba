import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { skinFor } from "@/components/panel/shared/skins";
import { requirePermission } from "@/lib/auth/session";
import { idParam as parseId, orNotFound } from "@/lib/not-found";
import { getPanelMailbox } from "@/lib/services/mailboxes/get-panel-mailbox";
import { getSubscriptionForCustomer } from "@/lib/services/subscriptions/get-subscription-for-customer";

/**
 * The customer, the subscription (tenant-scoped) and the skin of its panel version; shared by the
 * layout and the page of one request. Packages without a panel have no panel pages.
 */
export const loadPanel = cache(async (rawSubscriptionId: string) => {
  const actor = await requirePermission("mailboxes.manage");
  const sub = await orNotFound(async () => await getSubscriptionForCustomer(actor, parseId(rawSubscriptionId)));
  const skin = skinFor(sub.panel);
  if (!skin) notFound();
  return { actor, sub, skin };
});

export async function loadPanelMailbox(rawSubscriptionId: string, rawMailboxId: string) {
  const ctx = await loadPanel(rawSubscriptionId);
  const mailbox = await orNotFound(async () => await getPanelMailbox(ctx.actor, ctx.sub.id, parseId(rawMailboxId)));
  return { ...ctx, mailbox };
}

export type SubscriptionParams = { params: Promise<{ subscriptionId: string }> };
export type MailboxParams = { params: Promise<{ subscriptionId: string; mailboxId: string }> };
