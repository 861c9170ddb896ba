import Link from "next/link";
import { getTranslations } from "@/lib/i18n/translations";
import { notFound } from "next/navigation";
import { MailboxRecordView } from "@/components/support/mailbox-record-view";
import { orNotFound } from "@/lib/not-found";
import { PageTitle } from "@/components/ui/card";
import { clientIp } from "@/lib/auth/client-ip";
import { requireEnrolledActor } from "@/lib/auth/mfa/enrolment";
import { viewMailboxRecord } from "@/lib/services/support/get-mailbox-record";
import { displayAddress } from "@/lib/validation/names";
import { recordViewQuerySchema } from "@/lib/validation/support";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Read-only mailbox record for support. Never a hash or secret; every view is audited. */
export default async function MailboxRecordPage({ params, searchParams }: Props) {
  const actor = await requireEnrolledActor("support.tickets");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const { ticket } = recordViewQuerySchema.parse(await searchParams);
  const ip = await clientIp();
  const record = await orNotFound(async () => await viewMailboxRecord(actor, id, { ticketId: ticket, ip }));
  const t = await getTranslations("records");
  return (
    <>
      <p className="text-sm">
        <Link href="/support/mailboxes" className="text-brand-700 underline">
          {t("backToSearch")}
        </Link>
      </p>
      <PageTitle>{t("recordTitle", { address: displayAddress(record.address) })}</PageTitle>
      <p className="text-sm text-slate-600">{ticket ? t("viewAuditedTicket", { ticket }) : t("viewAudited")}</p>
      <MailboxRecordView record={record} />
    </>
  );
}
