import { getTranslations } from "@/lib/i18n/translations";
import { endSubscriptionAction } from "@/app/(reseller)/reseller/customers/actions";
import type { SubscriptionContents } from "@/lib/services/subscriptions/subscription-contents";
import { DeleteButton } from "./delete-button";

/**
 * "Vertrag beenden" with a confirmation that names what goes: the counts come from the same reader
 * the deleting transaction uses (readSubscriptionContents), so the dialog cannot promise less.
 */
export async function EndSubscriptionButton({ contents }: { contents: SubscriptionContents }) {
  const t = await getTranslations("orders");
  const name = `${contents.packageName} #${contents.id}`;
  const confirm = [
    t("endConfirm", { name, domains: contents.domains.length, mailboxes: contents.mailboxes, aliases: contents.aliases }),
    contents.mailAccounts > 0 ? t("endConfirmAccounts", { accounts: contents.mailAccounts }) : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <DeleteButton action={endSubscriptionAction} fields={{ subscriptionId: String(contents.id) }} label={t("end")} confirm={confirm} />
  );
}
