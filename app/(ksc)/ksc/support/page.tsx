import Link from "next/link";
import { getTranslations } from "@/lib/i18n/translations";
import { redirect } from "next/navigation";
import { buttonClass } from "@/components/form/styles";
import { Pager } from "@/components/tickets/pager";
import { TicketTable } from "@/components/tickets/ticket-table";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { hasFreshStammdatenConfirmation } from "@/lib/services/support/stammdaten";
import { listTickets } from "@/lib/services/tickets/list-tickets";
import { ticketQueueQuerySchema } from "@/lib/validation/ticket";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The customer's SupportCenter: reached after confirming the Stammdaten. */
export default async function SupportCenterPage({ searchParams }: Props) {
  const actor = await requirePermission("customer.self");
  if (!(await hasFreshStammdatenConfirmation(actor))) redirect("/ksc/stammdaten");
  const t = await getTranslations("supportCenter");
  const query = ticketQueueQuerySchema.parse(await searchParams);
  const { items, nextBefore } = await listTickets(actor, { before: query.before });
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <PageTitle>{t("title")}</PageTitle>
        <Link href="/ksc/support/new" className={buttonClass}>
          {t("newTicket")}
        </Link>
      </div>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <Card title={t("myTickets")}>
        <TicketTable items={items} hrefBase="/ksc/support" />
        <Pager base="/ksc/support" params={{}} cursorName="before" cursor={nextBefore} isFirst={!query.before} />
      </Card>
    </>
  );
}
