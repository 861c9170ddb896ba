import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { ServerAddresses } from "@/components/ui/server-addresses";
import { requireRole } from "@/lib/auth/session";
import { listMailAccounts } from "@/lib/services/mail-accounts/list-mail-accounts";
import { getServerSettings } from "@/lib/services/settings/server-settings";

export default async function MailAdminStartPage() {
  const actor = await requireRole("mailadmin");
  const t = await getTranslations();
  return (
    <>
      <PageTitle>{t("mailadmin.title")}</PageTitle>
      <p className="text-sm text-slate-600">{t("mailadmin.welcome", { login: actor.label })}</p>
      <Card title={t("mailadmin.accountsTitle")}>
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr><th className="py-1">{t("mailadmin.account")}</th><th>{t("mailadmin.addresses")}</th><th>{t("mailadmin.quota")}</th></tr>
          </thead>
          <tbody>
            {listMailAccounts(actor).map((a) => (
              <tr key={a.id} className="border-t border-slate-100">
                <td className="py-2 font-mono">{a.login}</td>
                <td>{a.addresses.length ? a.addresses.join(", ") : t("mailadmin.noAddresses")}</td>
                <td>{a.quotaMb ?? t("common.unlimited")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <ServerAddresses settings={getServerSettings()} />
    </>
  );
}
