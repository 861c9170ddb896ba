import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { getTranslations } from "@/lib/i18n/translations";
import type { TicketView } from "@/lib/services/tickets/get-ticket";

/** The messages of a ticket, oldest first; support replies are set apart from the customer's. */
export async function Conversation({ messages }: { messages: TicketView["messages"] }) {
  const t = await getTranslations("tickets");
  const formatTime = await getTimeFormatter();
  return (
    <ol className="space-y-3" aria-label={t("conversation")}>
      {messages.map((m) => {
        const fromSupport = m.authorRole === "support" || m.authorRole === "admin";
        return (
          <li key={m.id} className={`rounded border p-3 ${fromSupport ? "border-brand-100 bg-brand-50" : "border-slate-200 bg-white"}`}>
            <p className="mb-1 text-xs text-slate-500">
              {fromSupport ? t("supportTeam") : m.authorName} · {formatTime(m.createdAt)}
            </p>
            <p className="whitespace-pre-wrap text-sm">{m.body}</p>
          </li>
        );
      })}
    </ol>
  );
}
