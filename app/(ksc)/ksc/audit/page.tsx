import { AuditView } from "@/components/audit/audit-view";
import { requirePermission } from "@/lib/auth/session";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CustomerAuditPage({ searchParams }: Props) {
  const actor = await requirePermission("customer.self");
  return <AuditView actor={actor} base="/ksc/audit" searchParams={await searchParams} />;
}
