import { SecurityPanel } from "@/components/mfa/security-panel";
import { requirePermission } from "@/lib/auth/session";

export default async function SecurityPage() {
  const actor = await requirePermission("admin.manage");
  return <SecurityPanel actor={actor} />;
}
