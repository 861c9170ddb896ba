import Link from "next/link";
import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { getTranslations } from "@/lib/i18n/translations";
import type { TicketListItem } from "@/lib/services/tickets/list-tickets";
import { StatusBadge } from "./status-badge";

/** Ticket list for the customer's SupportCenter and the support queue (`showCustomer`). */
export async function TicketTable({
  items,
  hrefBase,
  showCustomer,
}: {
  items: TicketListItem[];
  hrefBase: string;
  showCustomer?: boolean;
}) {
  const t = await getTranslations("tickets");
  const formatTime = await getTimeFormatter();
  if (!items.length) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-slate-500">
        <tr>
          <th className="py-1">{t("number")}</th>
          <th>{t("subject")}</th>
          <th>{t("category")}</th>
          {showCustomer && <th>{t("customer")}</th>}
          <th>{t("status")}</th>
          <th>{t("updatedAt")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((ticket) => (
          <tr key={ticket.id} className="border-t border-slate-100">
            <td className="py-2 font-mono">#{ticket.id}</td>
            <td>
              <Link href={`${hrefBase}/${ticket.id}`} className="text-brand-700 underline">
                {ticket.subject}
              </Link>
            </td>
            <td>{t(`categories.${ticket.category}`)}</td>
            {showCustomer && (
              <td>
                {ticket.customerNumber} · {ticket.company}
              </td>
            )}
            <td>
              <StatusBadge status={ticket.status} />
            </td>
            <td>{formatTime(ticket.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
