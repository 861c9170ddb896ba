import { SecurityPanel } from "@/components/mfa/security-panel";
import { requireRole } from "@/lib/auth/session";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function SecurityPage() {
  const actor = await requireRole("support");
  return <ClientMessages area="(support)/security"><SecurityPanel actor={actor} /></ClientMessages>;
}
