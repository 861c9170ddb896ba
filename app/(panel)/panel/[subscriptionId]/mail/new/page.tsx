import { getTranslations } from "@/lib/i18n/translations";
import { CreateMailboxForm } from "@/components/panel/shared/create-mailbox-form";
import { panelLinks } from "@/components/panel/shared/links";
import { createMailboxAction } from "../actions";
import { loadPanel, type SubscriptionParams } from "../../panel-context";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function NewMailboxPage({ params }: SubscriptionParams) {
  const { sub, skin } = await loadPanel((await params).subscriptionId);
  const t = await getTranslations("panel");
  const links = panelLinks(sub.id);
  const full = sub.limits.maxMailboxes !== null && sub.mailboxTotal >= sub.limits.maxMailboxes;
  return (
    <ClientMessages area="(panel)/forms">
      <skin.Page
        sub={sub}
        title={t("newTitle")}
        crumbs={[{ href: links.start, label: t("start") }, { href: links.mail, label: t("email") }, { label: t("newTitle") }]}
      >
        {full ? (
          <p role="status" className="text-sm">
            {t("limitReached")}
          </p>
        ) : (
          <CreateMailboxForm
            action={createMailboxAction}
            subscriptionId={sub.id}
            domains={sub.domains}
            packageMaxMb={sub.limits.mailboxQuotaMb}
            cancelHref={links.mail}
          />
        )}
      </skin.Page>
    </ClientMessages>
  );
}
