import { getTranslations } from "@/lib/i18n/translations";
import { MailboxSearchForm } from "@/components/support/mailbox-search-form";
import { CustomerResults, MailboxResults } from "@/components/support/search-results";
import { Pager } from "@/components/tickets/pager";
import { Card, PageTitle } from "@/components/ui/card";
import { requireEnrolledActor } from "@/lib/auth/mfa/enrolment";
import { searchCustomersByName } from "@/lib/services/support/search-customers";
import { searchMailboxes } from "@/lib/services/support/search-mailboxes";
import { mailboxSearchQuerySchema, recordViewQuerySchema } from "@/lib/validation/support";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Support's mailbox search across all resellers: by address prefix, domain, customer number or name. */
export default async function MailboxSearchPage({ searchParams }: Props) {
  const actor = await requireEnrolledActor("support.tickets");
  const t = await getTranslations("records");
  const raw = await searchParams;
  const query = mailboxSearchQuerySchema.parse(raw);
  const { ticket } = recordViewQuerySchema.parse(raw);
  const params = { field: query.field, q: query.q, ticket: ticket ? String(ticket) : undefined };
  const byName = query.field === "customerName";
  const customers = query.q && byName ? await searchCustomersByName(actor, query.q, Number(query.after) || undefined) : null;
  const mailboxes = query.q && query.field !== "customerName" ? await searchMailboxes(actor, { ...query, field: query.field }) : null;
  const nextAfter = customers?.nextAfter ?? mailboxes?.nextAfter ?? null;
  return (
    <>
      <PageTitle>{t("searchTitle")}</PageTitle>
      <Card title={t("search")}>
        <MailboxSearchForm query={query} ticket={ticket} />
      </Card>
      {query.q && (
        <Card title={t("results")}>
          {customers && <CustomerResults items={customers.items} ticket={ticket} />}
          {mailboxes && <MailboxResults items={mailboxes.items} ticket={ticket} />}
          <Pager base="/support/mailboxes" params={params} cursorName="after" cursor={nextAfter} isFirst={!query.after} />
        </Card>
      )}
    </>
  );
}
