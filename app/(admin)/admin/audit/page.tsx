import { AuditView } from "@/components/audit/audit-view";
import { requireEnrolledActor } from "@/lib/auth/mfa/enrolment";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminAuditPage({ searchParams }: Props) {
  const actor = await requireEnrolledActor("admin.manage");
  return <AuditView actor={actor} base="/admin/audit" searchParams={await searchParams} />;
}
