import { panelLinks } from "@/components/panel/shared/links";
import { MailboxSettingsForm } from "@/components/panel/shared/mailbox-settings-form";
import { updateMailboxSettingsAction } from "../../actions";
import { loadPanelMailbox, type MailboxParams } from "../../../panel-context";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function MailboxSettingsPage({ params }: MailboxParams) {
  const p = await params;
  const { sub, skin, mailbox } = await loadPanelMailbox(p.subscriptionId, p.mailboxId);
  const links = panelLinks(sub.id);
  return (
    <ClientMessages area="(panel)/forms">
      <skin.AddressView sub={sub} mailbox={mailbox} active="settings">
        <MailboxSettingsForm
          action={updateMailboxSettingsAction}
          subscriptionId={sub.id}
          packageMaxMb={sub.limits.mailboxQuotaMb}
          mailbox={{ id: mailbox.id, address: mailbox.address, enabled: mailbox.enabled, quotaMb: mailbox.quotaMb }}
          cancelHref={links.mailbox(mailbox.id)}
          serverHref={links.server}
        />
      </skin.AddressView>
    </ClientMessages>
  );
}
