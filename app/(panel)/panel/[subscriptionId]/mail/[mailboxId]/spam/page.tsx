import { getTranslations } from "@/lib/i18n/translations";
import { panelLinks } from "@/components/panel/shared/links";
import { SpamFilterForm } from "@/components/panel/shared/spam-filter-form";
import { setSpamFilterAction } from "../../actions";
import { loadPanelMailbox, type MailboxParams } from "../../../panel-context";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function MailboxSpamPage({ params }: MailboxParams) {
  const p = await params;
  const { sub, skin, mailbox } = await loadPanelMailbox(p.subscriptionId, p.mailboxId);
  const t = await getTranslations("panel");
  return (
    <ClientMessages area="(panel)/forms">
      <skin.AddressView sub={sub} mailbox={mailbox} active="spam">
        {sub.features.spamFilter ? (
          <SpamFilterForm
            action={setSpamFilterAction}
            subscriptionId={sub.id}
            mailboxId={mailbox.id}
            enabled={mailbox.spamFilterOn}
            cancelHref={panelLinks(sub.id).mailbox(mailbox.id)}
          />
        ) : (
          <p className="text-sm">{t("spamUnavailable")}</p>
        )}
      </skin.AddressView>
    </ClientMessages>
  );
}
