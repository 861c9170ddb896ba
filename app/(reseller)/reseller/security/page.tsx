import { SecurityPanel } from "@/components/mfa/security-panel";
import { requireRole } from "@/lib/auth/session";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function SecurityPage() {
  const actor = await requireRole("reseller");
  return <ClientMessages area="(reseller)/security"><SecurityPanel actor={actor} /></ClientMessages>;
}
