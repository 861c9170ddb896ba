import Link from "next/link";
import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { getTranslations } from "@/lib/i18n/translations";
import { notFound } from "next/navigation";
import { DefinitionList } from "@/components/support/definition-list";
import { Conversation } from "@/components/tickets/conversation";
import { orNotFound } from "@/lib/not-found";
import { ReplyForm } from "@/components/tickets/reply-form";
import { StatusBadge } from "@/components/tickets/status-badge";
import { SupportTicketActions } from "@/components/tickets/support-ticket-actions";
import { Card, PageTitle } from "@/components/ui/card";
import { requireEnrolledActor } from "@/lib/auth/mfa/enrolment";
import { getTicketOrThrow } from "@/lib/services/tickets/get-ticket";
import { generatePasswordAction, setTicketStatusAction, supportReplyAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

type Props = { params: Promise<{ id: string }> };

/** A ticket as support sees it: customer, conversation, reply, status and the reset action. */
export default async function SupportTicketPage({ params }: Props) {
  const actor = await requireEnrolledActor("support.tickets");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const view = await orNotFound(async () => await getTicketOrThrow(actor, id));
  const t = await getTranslations("tickets");
  const formatTime = await getTimeFormatter();
  const { ticket, customer } = view;
  const isReset = ticket.category === "reset_mailadmin_password";
  const when = (d: Date | null) => (d ? formatTime(d) : "");
  return (
    <ClientMessages area="(support)/tickets">
      <>
        <p className="text-sm">
          <Link href="/support/tickets" className="text-brand-700 underline">
            {t("backToQueue")}
          </Link>
        </p>
        <PageTitle>{t("titleWithNumber", { id: ticket.id, subject: ticket.subject })}</PageTitle>
        <Card title={t("details")}>
          <DefinitionList
            rows={[
              [t("status"), <StatusBadge key="s" status={ticket.status} />],
              [t("category"), t(`categories.${ticket.category}`)],
              [
                t("customer"),
                <span key="c">
                  {customer?.customerNumber} · {customer?.company ?? customer?.contactName}{" "}
                  <Link
                    href={`/support/mailboxes?field=customerNumber&q=${customer?.customerNumber ?? ""}&ticket=${ticket.id}`}
                    className="text-brand-700 underline"
                  >
                    {t("customerMailboxes")}
                  </Link>
                </span>,
              ],
              [t("createdAt"), when(ticket.createdAt)],
              ...(isReset
                ? [
                    [
                      t("passwordTitle"),
                      t(`passwordStates.${view.passwordState}`, {
                        generated: when(view.passwordGeneratedAt),
                        revealed: when(view.passwordRevealedAt),
                      }),
                    ] as [string, string],
                  ]
                : []),
            ]}
          />
        </Card>
        <Card title={t("actions")}>
          <SupportTicketActions
            ticketId={ticket.id}
            status={ticket.status}
            canGenerate={isReset && ticket.status !== "closed"}
            generateAction={generatePasswordAction}
            statusAction={setTicketStatusAction}
          />
        </Card>
        <Card title={t("conversation")}>
          <Conversation messages={view.messages} />
        </Card>
        <Card title={t("reply")}>
          <ReplyForm action={supportReplyAction} ticketId={ticket.id} />
        </Card>
      </>
    </ClientMessages>
  );
}
