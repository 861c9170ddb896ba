import { listSubscriptionMailboxes } from "@/lib/services/mailboxes/list-subscription-mailboxes";
import { loadPanel, type SubscriptionParams } from "../panel-context";

type Props = SubscriptionParams & { searchParams: Promise<{ after?: string; notice?: string }> };

export default async function MailListPage({ params, searchParams }: Props) {
  const { actor, sub, skin } = await loadPanel((await params).subscriptionId);
  const { after, notice } = await searchParams;
  const list = await listSubscriptionMailboxes(actor, sub.id, { after: typeof after === "string" ? after.slice(0, 320) : undefined });
  return <skin.MailListView sub={sub} list={list} notice={typeof notice === "string" ? notice : undefined} />;
}
