import { getTranslations } from "@/lib/i18n/translations";
import { ForwardingForm } from "@/components/panel/shared/forwarding-form";
import { panelLinks } from "@/components/panel/shared/links";
import { setForwardingAction } from "../../actions";
import { loadPanelMailbox, type MailboxParams } from "../../../panel-context";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function MailboxForwardingPage({ params }: MailboxParams) {
  const p = await params;
  const { sub, skin, mailbox } = await loadPanelMailbox(p.subscriptionId, p.mailboxId);
  const t = await getTranslations("panel");
  return (
    <ClientMessages area="(panel)/forms">
      <skin.AddressView sub={sub} mailbox={mailbox} active="forwarding">
        {sub.features.forwarding ? (
          <ForwardingForm
            action={setForwardingAction}
            subscriptionId={sub.id}
            mailboxId={mailbox.id}
            targets={mailbox.forwardTargets}
            keepCopy={mailbox.keepCopy}
            maxForwards={sub.limits.maxForwards}
            cancelHref={panelLinks(sub.id).mailbox(mailbox.id)}
          />
        ) : (
          <p className="text-sm">{t("forwardingUnavailable")}</p>
        )}
      </skin.AddressView>
    </ClientMessages>
  );
}
