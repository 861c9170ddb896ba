import { MailboxInfo } from "@/components/panel/shared/mailbox-info";
import { loadPanelMailbox, type MailboxParams } from "../../panel-context";

export default async function MailboxPage({ params }: MailboxParams) {
  const p = await params;
  const { sub, skin, mailbox } = await loadPanelMailbox(p.subscriptionId, p.mailboxId);
  return (
    <skin.AddressView sub={sub} mailbox={mailbox}>
      <MailboxInfo mailbox={mailbox} />
    </skin.AddressView>
  );
}
