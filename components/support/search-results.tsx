import { getTranslations } from "@/lib/i18n/translations";
import type { CustomerSearchItem } from "@/lib/services/support/search-customers";
import type { MailboxSearchItem } from "@/lib/services/support/search-mailboxes";
import { displayAddress } from "@/lib/validation/names";

/**
 * The rows' classes, once per table instead of once per row: each class string of each row was
 * serialized into the page's RSC payload, parsed again for the HTML and sent twice to the browser.
 */
const ROWS = "*:border-t *:border-slate-100 [&>tr>td:first-child]:py-2 [&_a]:text-brand-700 [&_a]:underline";

const withTicket = (href: string, ticket?: number) => (ticket ? `${href}${href.includes("?") ? "&" : "?"}ticket=${ticket}` : href);

/**
 * Mailbox hits. Rows link with plain anchors: a next/link per row is a client component that the
 * server renders and serializes for every row (a quarter of this page's CPU with 25 hits), and record
 * links must not prefetch anyway, because opening a record writes an audit entry.
 */
export async function MailboxResults({ items, ticket }: { items: MailboxSearchItem[]; ticket?: number }) {
  const t = await getTranslations("records");
  if (!items.length) return <p className="text-sm text-slate-600">{t("noResults")}</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-slate-500">
        <tr>
          <th className="py-1">{t("address")}</th>
          <th>{t("customer")}</th>
          <th>{t("reseller")}</th>
          <th>{t("enabled")}</th>
        </tr>
      </thead>
      <tbody className={ROWS}>
        {items.map((m) => (
          <tr key={m.id}>
            <td>
              <a href={withTicket(`/support/mailboxes/${m.id}`, ticket)}>{displayAddress(m.address)}</a>
            </td>
            <td>
              {m.customerNumber} · {m.company ?? m.contactName}
            </td>
            <td>{m.reseller}</td>
            <td>{m.enabled ? t("yes") : t("no")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Customer-name hits lead on to that customer's mailboxes by customer number. */
export async function CustomerResults({ items, ticket }: { items: CustomerSearchItem[]; ticket?: number }) {
  const t = await getTranslations("records");
  if (!items.length) return <p className="text-sm text-slate-600">{t("noCustomers")}</p>;
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-slate-500">
        <tr>
          <th className="py-1">{t("customer")}</th>
          <th>{t("fields.customerNumber")}</th>
          <th>{t("reseller")}</th>
        </tr>
      </thead>
      <tbody className={ROWS}>
        {items.map((c) => (
          <tr key={c.id}>
            <td>
              <a href={withTicket(`/support/mailboxes?field=customerNumber&q=${c.customerNumber}`, ticket)}>{c.company ?? c.contactName}</a>
              {c.company && <span className="text-slate-500"> · {c.contactName}</span>}
            </td>
            <td className="font-mono">{c.customerNumber}</td>
            <td>{c.reseller}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
