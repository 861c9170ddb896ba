import Link from "next/link";
import { getTranslations } from "@/lib/i18n/translations";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { countCustomersForReseller } from "@/lib/services/packages/list-packages-for-reseller";
import { listPackagesWithUsage } from "@/lib/services/packages/list-packages-with-usage";

export default async function ResellerStartPage() {
  const actor = await requirePermission("reseller.manage");
  const t = await getTranslations();
  const packages = await listPackagesWithUsage(actor);
  const limit = (v: number | null) => (v === null ? t("common.unlimited") : v);
  return (
    <>
      <PageTitle>{t("nav.start")}</PageTitle>
      <p className="text-sm text-slate-600">{t("reseller.welcome", { name: actor.label })}</p>
      <Card title={t("nav.customers")}>
        <p className="text-sm">{t("reseller.customersCount", { count: await countCustomersForReseller(actor) })}</p>
        <form method="get" action="/reseller/customers" role="search" className="mt-3 flex gap-2">
          <label htmlFor="start-customer-search" className="sr-only">
            {t("customersAdmin.search")}
          </label>
          <input
            id="start-customer-search"
            name="q"
            type="search"
            placeholder={t("customersAdmin.searchPlaceholder")}
            className="w-full rounded border border-slate-300 px-3 py-2 text-sm"
          />
          <button type="submit" className="rounded border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50">
            {t("customersAdmin.search")}
          </button>
        </form>
        <p className="mt-3 text-sm">
          <Link className="text-brand-700 underline" href="/reseller/customers/new">
            {t("customersAdmin.new")}
          </Link>
        </p>
      </Card>
      <Card title={t("reseller.packagesTitle")}>
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1">{t("reseller.packageName")}</th>
              <th>{t("reseller.panel")}</th>
              <th>{t("reseller.maxDomains")}</th>
              <th>{t("reseller.maxMailboxes")}</th>
              <th>{t("reseller.quota")}</th>
              <th>{t("tariffs.subscriptions")}</th>
            </tr>
          </thead>
          <tbody>
            {packages.map((p) => (
              <tr key={p.id} className="border-t border-slate-100">
                <td className="py-2 font-medium">
                  <Link className="text-brand-700 underline" href={`/reseller/packages/${p.id}`}>
                    {p.name}
                  </Link>
                </td>
                <td>{t(`panelKind.${p.panel}`)}</td>
                <td>{limit(p.maxDomains)}</td>
                <td>{limit(p.maxMailboxes)}</td>
                <td>{limit(p.mailboxQuotaMb)}</td>
                <td>{p.subscriptionCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-3 text-sm">
          <Link className="text-brand-700 underline" href="/reseller/packages/new">
            {t("tariffs.new")}
          </Link>
        </p>
      </Card>
    </>
  );
}
