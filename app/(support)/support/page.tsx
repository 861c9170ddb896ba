import Link from "next/link";
import { getTranslations } from "@/lib/i18n/translations";
import { Card, PageTitle } from "@/components/ui/card";
import { TICKET_STATUSES } from "@/db/schema/tickets";
import { requireEnrolledActor } from "@/lib/auth/mfa/enrolment";
import { countOpenTickets } from "@/lib/services/tickets/count-open-tickets";
import { countTicketsByStatus } from "@/lib/services/tickets/count-tickets-by-status";

export default async function SupportStartPage() {
  const actor = await requireEnrolledActor("support.tickets");
  const t = await getTranslations();
  const counts = await countTicketsByStatus(actor);
  return (
    <>
      <PageTitle>{t("nav.start")}</PageTitle>
      <p className="text-sm text-slate-600">{t("support.welcome", { name: actor.label })}</p>
      <Card title={t("support.title")}>
        <p className="text-sm text-slate-700">{t("support.body")}</p>
        <p className="mt-2 text-sm font-medium">{t("support.openTickets", { count: await countOpenTickets(actor) })}</p>
      </Card>
      <Card title={t("tickets.queueTitle")}>
        <ul className="grid gap-3 text-sm sm:grid-cols-4">
          {TICKET_STATUSES.map((s) => (
            <li key={s}>
              <Link href={`/support/tickets?status=${s}`} className="block rounded border border-slate-200 p-3 hover:bg-brand-50">
                <span className="block text-2xl font-semibold">{counts[s]}</span>
                <span className="text-slate-600">{t(`tickets.statuses.${s}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
        <p className="mt-4 text-sm">
          <Link href="/support/mailboxes" className="text-brand-700 underline">
            {t("records.searchTitle")}
          </Link>
        </p>
      </Card>
    </>
  );
}
