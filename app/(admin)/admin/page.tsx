import { getTranslations } from "@/lib/i18n/translations";
import { Card, PageTitle } from "@/components/ui/card";
import { ServerAddresses } from "@/components/ui/server-addresses";
import { requirePermission } from "@/lib/auth/session";
import { listResellers } from "@/lib/services/resellers/list-resellers";
import { getServerSettings } from "@/lib/services/settings/server-settings";

export default async function AdminStartPage() {
  const actor = await requirePermission("admin.manage");
  const t = await getTranslations();
  const settings = await getServerSettings();
  return (
    <>
      <PageTitle>{t("nav.start")}</PageTitle>
      <p className="text-sm text-slate-600">{t("admin.welcome", { name: actor.label })}</p>
      <Card title={t("admin.resellersTitle")}>
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1">{t("admin.resellerName")}</th>
              <th>{t("admin.customers")}</th>
            </tr>
          </thead>
          <tbody>
            {(await listResellers(actor)).map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="py-2">{r.name}</td>
                <td>{r.customerCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title={t("admin.settingsTitle")}>
        <p className="text-sm">
          {t("admin.publicUrl")}: <span className="font-mono">{settings.publicUrl}</span>
        </p>
      </Card>
      <ServerAddresses settings={settings} />
    </>
  );
}
