import type { PanelSubscription } from "@/lib/services/subscriptions/get-subscription-for-customer";

type T = (key: string, values?: Record<string, string | number>) => string;

/** "Postfächer: 2 von 20" or "… (unbegrenzt)". */
export function mailboxUsageText(t: T, sub: PanelSubscription): string {
  const max = sub.limits.maxMailboxes;
  return max === null ? t("mailboxUsageUnlimited", { used: sub.mailboxTotal }) : t("mailboxUsage", { used: sub.mailboxTotal, max });
}
