import Link from "next/link";
import { getTranslations } from "@/lib/i18n/translations";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { listPackagesWithUsage } from "@/lib/services/packages/list-packages-with-usage";

export default async function PackagesPage() {
  const actor = await requirePermission("reseller.manage");
  const t = await getTranslations();
  const rows = await listPackagesWithUsage(actor);
  const limit = (v: number | null) => (v === null ? t("common.unlimited") : v);
  return (
    <>
      <div className="flex items-center justify-between">
        <PageTitle>{t("tariffs.title")}</PageTitle>
        <Link href="/reseller/packages/new" className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t("tariffs.new")}
        </Link>
      </div>
      <Card title={t("tariffs.listTitle")}>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t("tariffs.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-1">{t("tariffs.name")}</th>
                  <th>{t("tariffs.panel")}</th>
                  <th>{t("tariffs.maxDomains")}</th>
                  <th>{t("tariffs.maxMailboxes")}</th>
                  <th>{t("tariffs.mailboxQuotaMb")}</th>
                  <th>{t("tariffs.maxForwards")}</th>
                  <th>{t("tariffs.subscriptions")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
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
                    <td>{limit(p.maxForwards)}</td>
                    <td>{p.subscriptionCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
