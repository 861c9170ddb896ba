import Link from "next/link";
import { getTranslations } from "@/lib/i18n/translations";
import { mailAccountUsageText } from "@/components/mailadmin/mail-account-usage";
import { PanelIcon } from "@/components/panel/shared/icons";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { searchDomainsForCustomer } from "@/lib/services/domains/search-domains-for-customer";
import { aroundPlaceholder, onceEach } from "@/lib/i18n/repeated-texts";

type Props = { searchParams: Promise<{ q?: string; after?: string; before?: string }> };

/**
 * The rows' classes, once per table instead of once per row: each class string of each row was
 * serialized into the page's RSC payload, parsed again for the HTML and sent twice to the browser.
 * `a.manage` is the "Paket verwalten" button of a row.
 */
const ROWS =
  "*:border-t *:border-slate-100 [&>tr>td:first-child]:py-2 [&>tr>td:first-child]:font-medium " +
  "[&_a.manage]:inline-flex [&_a.manage]:items-center [&_a.manage]:whitespace-nowrap [&_a.manage]:gap-1.5 [&_a.manage]:rounded [&_a.manage]:border " +
  "[&_a.manage]:border-brand-600 [&_a.manage]:px-2 [&_a.manage]:py-1 [&_a.manage]:text-brand-700 [&_a.manage]:hover:bg-brand-50";

const str = (v: unknown, max: number) => (typeof v === "string" ? v.slice(0, max) : undefined);

/**
 * Domainverwaltung: the customer's domains, searchable and keyset-paged, with "Paket verwalten" per
 * panel package. Rows link with plain anchors: a next/link per row is a client component rendered and
 * serialized once per row, which made up much of this page's CPU time in the benchmark. Texts that
 * repeat down the list (a subscription's usage, a panel's name) are formatted once per page, and each
 * "Paket verwalten" link is named from the shared words and its row's domain cell (aria-labelledby)
 * rather than by formatting a message per row: message formatting was ~7 % of the page's CPU.
 */
export default async function DomainsPage({ searchParams }: Props) {
  const actor = await requirePermission("customer.self");
  const t = await getTranslations();
  const sp = await searchParams;
  const q = str(sp.q, 253)?.trim() ?? "";
  const page = await searchDomainsForCustomer(actor, { q, after: str(sp.after, 253), before: str(sp.before, 253) });
  const pageHref = (key: "after" | "before", cursor: string) =>
    `/ksc/domains?${new URLSearchParams({ ...(q ? { q } : {}), [key]: cursor })}`;
  const text = onceEach();
  const mailAccounts = page.mailAccounts && (await mailAccountUsageText(page.mailAccounts));
  const manage = aroundPlaceholder(t.raw("domains.managePackageFor") as string, "{domain}");
  return (
    <>
      <PageTitle>{t("domains.title")}</PageTitle>
      <Card title={t("domains.title")}>
        <p className="mb-4 text-sm text-slate-600">{t("domains.intro")}</p>
        <form method="get" action="/ksc/domains" role="search" className="mb-4 flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="domain-search" className="block text-sm font-medium">
              {t("domains.searchLabel")}
            </label>
            <input
              id="domain-search"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={253}
              placeholder={t("domains.searchPlaceholder")}
              className="mt-1 rounded border border-slate-300 px-3 py-1.5 text-sm"
            />
          </div>
          <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700">
            {t("domains.searchButton")}
          </button>
          {q && (
            <Link href="/ksc/domains" className="px-2 py-1.5 text-sm text-brand-700 underline">
              {t("domains.reset")}
            </Link>
          )}
        </form>
        {manage.before && (
          <span id="manage-before" hidden>
            {manage.before}
          </span>
        )}
        {manage.after && (
          <span id="manage-after" hidden>
            {manage.after}
          </span>
        )}
        {page.items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("domains.none")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-2">{t("domains.domain")}</th>
                <th>{t("domains.package")}</th>
                <th>{t("domains.panel")}</th>
                <th>{t("domains.mailboxes")}</th>
                <th className="text-right">{t("domains.actions")}</th>
              </tr>
            </thead>
            {/* Row and cell classes sit on the tbody (see ROWS), not on each of the rows. */}
            <tbody className={ROWS}>
              {page.items.map((d) => (
                <tr key={d.id}>
                  <td id={`domain-${d.id}`}>{d.displayName}</td>
                  <td>{d.packageName}</td>
                  <td>{text(`panel:${d.panel}`, () => t(`panelKind.${d.panel}`))}</td>
                  <td>
                    {d.panel === "none" ? (
                      mailAccounts
                    ) : (
                      <>
                        {text(`usage:${d.subscriptionId}`, () =>
                          d.maxMailboxes === null
                            ? t("domains.usageUnlimited", { used: d.subscriptionMailboxes })
                            : t("domains.usage", { used: d.subscriptionMailboxes, max: d.maxMailboxes }),
                        )}
                        <span className="block text-xs text-slate-500">
                          {text(`count:${d.mailboxCount}`, () => t("domains.usageDomain", { count: d.mailboxCount }))}
                        </span>
                      </>
                    )}
                  </td>
                  <td className="text-right">
                    {d.panel === "none" ? (
                      <a href="/ksc/domains/mail-admin" className="text-brand-700 underline">
                        {t("domains.mailAdmin")}
                      </a>
                    ) : (
                      <a href={`/panel/${d.subscriptionId}`} aria-labelledby={labelledBy(manage, `domain-${d.id}`)} className="manage">
                        <PanelIcon name="settings" size={18} />
                        {/* Visible words: the help pages send users looking for "Paket verwalten", not for an icon. */}
                        <span aria-hidden="true">{text("manage", () => t("domains.managePackage"))}</span>
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <nav aria-label={t("domains.pagination")} className="mt-4 flex justify-between text-sm">
          {page.prevCursor ? (
            <Link href={pageHref("before", page.prevCursor)} className="text-brand-700 underline">
              ‹ {t("domains.prev")}
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link href={pageHref("after", page.nextCursor)} className="text-brand-700 underline">
              {t("domains.next")} ›
            </Link>
          ) : (
            <span />
          )}
        </nav>
      </Card>
    </>
  );
}

/** The link's name: the message's words around the domain, and the row's domain cell between them. */
function labelledBy(parts: { before: string; after: string }, domainCellId: string): string {
  return [parts.before && "manage-before", domainCellId, parts.after && "manage-after"].filter(Boolean).join(" ");
}
