import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/session";
import { countCustomersForReseller, listPackagesForReseller } from "@/lib/services/packages/list-packages-for-reseller";

export default async function ResellerStartPage() {
  const actor = await requireRole("reseller");
  const t = await getTranslations();
  const packages = listPackagesForReseller(actor);
  const limit = (v: number | null) => (v === null ? t("common.unlimited") : v);
  return (
    <>
      <PageTitle>{t("reseller.welcome", { name: actor.label })}</PageTitle>
      <Card title={t("nav.customers")}>
        <p className="text-sm">{t("reseller.customersCount", { count: countCustomersForReseller(actor) })}</p>
      </Card>
      <Card title={t("reseller.packagesTitle")}>
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1">{t("reseller.packageName")}</th><th>{t("reseller.panel")}</th>
              <th>{t("reseller.maxDomains")}</th><th>{t("reseller.maxMailboxes")}</th><th>{t("reseller.quota")}</th>
            </tr>
          </thead>
          <tbody>
            {packages.map((p) => (
              <tr key={p.id} className="border-t border-slate-100">
                <td className="py-2 font-medium">{p.name}</td><td>{t(`panelKind.${p.panel}`)}</td>
                <td>{limit(p.maxDomains)}</td><td>{limit(p.maxMailboxes)}</td><td>{limit(p.mailboxQuotaMb)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
