import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { skinFor } from "@/components/panel/shared/skins";
import { requireRole } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { getPanelMailbox } from "@/lib/services/mailboxes/get-panel-mailbox";
import { getSubscriptionForCustomer } from "@/lib/services/subscriptions/get-subscription-for-customer";

/** Route ids are digits only; anything else is a 404 like a foreign id. */
export function parseId(raw: string): number {
  if (!/^\d{1,12}$/.test(raw)) notFound();
  return Number(raw);
}

/** Runs a loader and turns NotFoundError (missing or another tenant's) into the 404 page. */
export function orNotFound<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/**
 * The customer, the subscription (tenant-scoped) and the skin of its panel version; shared by the
 * layout and the page of one request. Packages without a panel have no panel pages.
 */
export const loadPanel = cache(async (rawSubscriptionId: string) => {
  const actor = await requireRole("customer");
  const sub = orNotFound(() => getSubscriptionForCustomer(actor, parseId(rawSubscriptionId)));
  const skin = skinFor(sub.panel);
  if (!skin) notFound();
  return { actor, sub, skin };
});

export async function loadPanelMailbox(rawSubscriptionId: string, rawMailboxId: string) {
  const ctx = await loadPanel(rawSubscriptionId);
  const mailbox = orNotFound(() => getPanelMailbox(ctx.actor, ctx.sub.id, parseId(rawMailboxId)));
  return { ...ctx, mailbox };
}

export type SubscriptionParams = { params: Promise<{ subscriptionId: string }> };
export type MailboxParams = { params: Promise<{ subscriptionId: string; mailboxId: string }> };
