import { AuditView } from "@/components/audit/audit-view";
import { requireEnrolledActor } from "@/lib/auth/mfa/enrolment";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SupportAuditPage({ searchParams }: Props) {
  const actor = await requireEnrolledActor("support.tickets");
  return <AuditView actor={actor} base="/support/audit" searchParams={await searchParams} />;
}
