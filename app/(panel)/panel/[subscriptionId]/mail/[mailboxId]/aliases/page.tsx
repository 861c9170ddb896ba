import { AliasSection } from "@/components/aliases/alias-section";
import { ClientMessages } from "@/components/i18n/client-messages";
import { listAliases } from "@/lib/services/aliases/list-aliases";
import { displayAddress } from "@/lib/validation/names";
import { deleteAliasAction, saveAliasAction, setCatchAllAction } from "../../actions";
import { loadPanelMailbox, type MailboxParams } from "../../../panel-context";

/** The address's aliases ("Decknamen" in Plesk 8/9, "E-Mail-Aliase" in 10): those that deliver to it, and a form for more. */
export default async function MailboxAliasesPage({ params }: MailboxParams) {
  const p = await params;
  const { actor, sub, skin, mailbox } = await loadPanelMailbox(p.subscriptionId, p.mailboxId);
  const own = displayAddress(mailbox.address);
  const aliases = (await listAliases(actor, sub.id)).filter((a) => a.targets.includes(own));
  const domainId = sub.domains.find((d) => mailbox.address.endsWith(`@${d.name}`))?.id;
  return (
    <ClientMessages area="(panel)/aliases">
      <skin.AddressView sub={sub} mailbox={mailbox} active="aliases">
        <AliasSection
          aliases={aliases}
          domains={sub.domains}
          subscriptionId={sub.id}
          mailbox={{ address: own, domainId: domainId ?? 0 }}
          actions={{ save: saveAliasAction, remove: deleteAliasAction, catchAll: setCatchAllAction }}
        />
      </skin.AddressView>
    </ClientMessages>
  );
}
