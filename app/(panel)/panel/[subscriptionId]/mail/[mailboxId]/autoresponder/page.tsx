import { getTranslations } from "@/lib/i18n/translations";
import { ClientMessages } from "@/components/i18n/client-messages";
import { AutoresponderForm } from "@/components/mailbox/autoresponder-form";
import { panelLinks } from "@/components/panel/shared/links";
import { getPanelAutoresponder } from "@/lib/services/autoresponder/autoresponder";
import { setAutoresponderAction } from "../../actions";
import { loadPanelMailbox, type MailboxParams } from "../../../panel-context";

/** Plesk's "Autoresponder" tool of an address (8/9: icon in the Werkzeuge bar; 10: button in the upper area). */
export default async function MailboxAutoresponderPage({ params }: MailboxParams) {
  const p = await params;
  const { actor, sub, skin, mailbox } = await loadPanelMailbox(p.subscriptionId, p.mailboxId);
  const values = await getPanelAutoresponder(actor, sub.id, mailbox.id);
  const t = await getTranslations("autoresponder");
  return (
    <ClientMessages area="(panel)/autoresponder">
      <skin.AddressView sub={sub} mailbox={mailbox} active="autoresponder">
        <p className="mb-3 text-sm">{t("intro")}</p>
        <AutoresponderForm
          action={setAutoresponderAction}
          values={values}
          target={{ subscriptionId: sub.id, mailboxId: mailbox.id }}
          skin="panel"
          cancelHref={panelLinks(sub.id).mailbox(mailbox.id)}
        />
      </skin.AddressView>
    </ClientMessages>
  );
}
