import { getTranslations } from "@/lib/i18n/translations";
import { Pager } from "@/components/tickets/pager";
import { QueueFilters } from "@/components/tickets/queue-filters";
import { TicketTable } from "@/components/tickets/ticket-table";
import { Card, PageTitle } from "@/components/ui/card";
import { requireEnrolledActor } from "@/lib/auth/mfa/enrolment";
import { listTickets } from "@/lib/services/tickets/list-tickets";
import { ticketQueueQuerySchema } from "@/lib/validation/ticket";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The support queue across all customers: filters, search, keyset pages. */
export default async function TicketQueuePage({ searchParams }: Props) {
  const actor = await requireEnrolledActor("support.tickets");
  const t = await getTranslations("tickets");
  const query = ticketQueueQuerySchema.parse(await searchParams);
  const { items, nextBefore } = await listTickets(actor, query);
  const params = { status: query.status, category: query.category, q: query.q };
  return (
    <>
      <PageTitle>{t("queueTitle")}</PageTitle>
      <Card title={t("filters")}>
        <QueueFilters query={query} />
      </Card>
      <Card title={t("results")}>
        <TicketTable items={items} hrefBase="/support/tickets" showCustomer />
        <Pager base="/support/tickets" params={params} cursorName="before" cursor={nextBefore} isFirst={!query.before} />
      </Card>
    </>
  );
}
