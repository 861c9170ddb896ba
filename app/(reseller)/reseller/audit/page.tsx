import { AuditView } from "@/components/audit/audit-view";
import { requireEnrolledActor } from "@/lib/auth/mfa/enrolment";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResellerAuditPage({ searchParams }: Props) {
  const actor = await requireEnrolledActor("reseller.manage");
  return <AuditView actor={actor} base="/reseller/audit" searchParams={await searchParams} />;
}
