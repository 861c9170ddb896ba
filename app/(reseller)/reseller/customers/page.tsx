import Link from "next/link";
import { getTranslations } from "@/lib/i18n/translations";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { listCustomers } from "@/lib/services/customers/list-customers";
import { customerSearchSchema } from "@/lib/validation/customer";

type Search = Promise<Record<string, string | string[] | undefined>>;

const ROWS =
  "*:border-t *:border-slate-100 [&>tr>td:first-child]:py-2 [&>tr>td:first-child]:font-mono [&_a]:text-brand-700 [&_a]:underline";

const pageLink = (q: string | undefined, cursor: Record<string, string>) =>
  `/reseller/customers?${new URLSearchParams({ ...(q ? { q } : {}), ...cursor }).toString()}`;

export default async function CustomersPage({ searchParams }: { searchParams: Search }) {
  const actor = await requirePermission("reseller.manage");
  const t = await getTranslations("customersAdmin");
  const search = customerSearchSchema.parse(await searchParams);
  const { items, nextCursor, prevCursor } = await listCustomers(actor, search);
  return (
    <>
      <div className="flex items-center justify-between">
        <PageTitle>{t("title")}</PageTitle>
        <Link href="/reseller/customers/new" className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t("new")}
        </Link>
      </div>
      <Card title={t("listTitle")}>
        <form method="get" role="search" className="mb-4 flex gap-2">
          <label htmlFor="customer-search" className="sr-only">
            {t("search")}
          </label>
          <input
            id="customer-search"
            name="q"
            type="search"
            defaultValue={search.q ?? ""}
            placeholder={t("searchPlaceholder")}
            className="w-full rounded border border-slate-300 px-3 py-2 text-sm"
          />
          <button type="submit" className="rounded border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">
            {t("search")}
          </button>
        </form>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-1">{t("number")}</th>
                  <th>{t("company")}</th>
                  <th>{t("contactName")}</th>
                  <th>{t("contactEmail")}</th>
                  <th>{t("subscriptions")}</th>
                  <th>{t("domains")}</th>
                </tr>
              </thead>
              {/* Row and cell classes sit on the tbody (ROWS), not on each row: every class string of every
                  row went into the page's RSC payload and twice to the browser. Plain anchors in rows: a
                  next/link per row costs the server a client component each. */}
              <tbody className={ROWS}>
                {items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <a href={`/reseller/customers/${c.id}`}>{c.customerNumber}</a>
                    </td>
                    <td>{c.company ?? "—"}</td>
                    <td>{c.contactName}</td>
                    <td>{c.contactEmail}</td>
                    <td>{c.subscriptions}</td>
                    <td>{c.domains}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label={t("pagination")} className="mt-4 flex justify-between text-sm">
          {prevCursor ? (
            <Link className="text-brand-700 underline" href={pageLink(search.q, { before: prevCursor })}>
              {t("previous")}
            </Link>
          ) : (
            <span />
          )}
          {nextCursor ? (
            <Link className="text-brand-700 underline" href={pageLink(search.q, { after: nextCursor })}>
              {t("next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      </Card>
    </>
  );
}
