import { loadPanel, type SubscriptionParams } from "./panel-context";

export default async function PanelStartPage({ params }: SubscriptionParams) {
  const { sub, skin } = await loadPanel((await params).subscriptionId);
  return <skin.StartView sub={sub} />;
}
