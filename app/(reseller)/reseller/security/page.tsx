import { SecurityPanel } from "@/components/mfa/security-panel";
import { requireRole } from "@/lib/auth/session";

export default async function SecurityPage() {
  const actor = await requireRole("reseller");
  return <SecurityPanel actor={actor} />;
}
