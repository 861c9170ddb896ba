import Link from "next/link";
import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { getTranslations } from "@/lib/i18n/translations";
import { notFound } from "next/navigation";
import { Conversation } from "@/components/tickets/conversation";
import { orNotFound } from "@/lib/not-found";
import { ReplyForm } from "@/components/tickets/reply-form";
import { RevealPassword } from "@/components/tickets/reveal-password";
import { StatusBadge } from "@/components/tickets/status-badge";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getTicketOrThrow } from "@/lib/services/tickets/get-ticket";
import { customerReplyAction, revealPasswordAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

type Props = { params: Promise<{ id: string }> };

/** One of the customer's tickets: conversation, reply and, when support generated one, the password. */
export default async function CustomerTicketPage({ params }: Props) {
  const actor = await requirePermission("customer.self");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const view = await orNotFound(async () => await getTicketOrThrow(actor, id));
  const t = await getTranslations("tickets");
  const formatTime = await getTimeFormatter();
  const { ticket } = view;
  return (
    <ClientMessages area="(ksc)/support">
      <>
        <p className="text-sm">
          <Link href="/ksc/support" className="text-brand-700 underline">
            {t("backToSupportCenter")}
          </Link>
        </p>
        <PageTitle>{t("titleWithNumber", { id: ticket.id, subject: ticket.subject })}</PageTitle>
        <p className="flex items-center gap-3 text-sm text-slate-600">
          <StatusBadge status={ticket.status} /> {t(`categories.${ticket.category}`)}
        </p>
        {view.passwordState !== "none" && (
          <Card title={t("passwordTitle")}>
            {view.passwordState === "ready" ? (
              <RevealPassword action={revealPasswordAction} ticketId={ticket.id} account={view.passwordAccount ?? ""} />
            ) : (
              <p className="text-sm">{t("passwordRevealed", { date: formatTime(view.passwordRevealedAt ?? new Date()) })}</p>
            )}
          </Card>
        )}
        <Card title={t("conversation")}>
          <Conversation messages={view.messages} />
        </Card>
        {ticket.status !== "closed" ? (
          <Card title={t("reply")}>
            <ReplyForm action={customerReplyAction} ticketId={ticket.id} />
          </Card>
        ) : (
          <p className="text-sm text-slate-600">{t("closedNoReply")}</p>
        )}
      </>
    </ClientMessages>
  );
}
