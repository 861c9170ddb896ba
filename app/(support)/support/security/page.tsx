import { SecurityPanel } from "@/components/mfa/security-panel";
import { requirePermission } from "@/lib/auth/session";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function SecurityPage() {
  const actor = await requirePermission("support.tickets");
  return (
    <ClientMessages area="(support)/security">
      <SecurityPanel actor={actor} />
    </ClientMessages>
  );
}
