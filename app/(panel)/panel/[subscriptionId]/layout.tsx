import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getOwnCustomer } from "@/lib/services/customers/get-own-customer";
import { loadPanel } from "./panel-context";

/** The panel has its own frame in the look of the package's Plesk version, not the KundenServiceCenter shell. */
export default async function PanelLayout({ children, params }: { children: ReactNode; params: Promise<{ subscriptionId: string }> }) {
  const { actor, sub, skin } = await loadPanel((await params).subscriptionId);
  const customer = await getOwnCustomer(actor);
  return (
    <ClientMessages area="(panel)">
      <skin.Frame sub={sub} customer={customer.company ?? customer.contactName}>
        {children}
      </skin.Frame>
    </ClientMessages>
  );
}
