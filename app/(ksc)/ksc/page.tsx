import { getTranslations } from "@/lib/i18n/translations";
import { Card, PageTitle } from "@/components/ui/card";
import { ServerAddresses } from "@/components/ui/server-addresses";
import { requirePermission } from "@/lib/auth/session";
import { getOwnCustomer } from "@/lib/services/customers/get-own-customer";
import { listDomainsForCustomer } from "@/lib/services/domains/list-domains-for-customer";
import { getServerSettings } from "@/lib/services/settings/server-settings";

export default async function KscStartPage() {
  const actor = await requirePermission("customer.self");
  const t = await getTranslations();
  const customer = await getOwnCustomer(actor);
  const domains = await listDomainsForCustomer(actor, { limit: 10 });
  return (
    <>
      <PageTitle>{t("nav.start")}</PageTitle>
      <Card title={t("ksc.welcomeTitle", { name: customer.company ?? customer.contactName })}>
        <p className="text-sm text-slate-700">{t("ksc.welcomeBody")}</p>
        <p className="mt-2 text-sm">
          {t("ksc.customerNumber")}: <span className="font-mono">{customer.customerNumber}</span>
        </p>
      </Card>
      <Card title={t("ksc.spamTitle")}>
        <p className="text-sm text-slate-700">{t("ksc.spamBody")}</p>
      </Card>
      <Card title={t("ksc.domainsTitle")}>
        <ul className="divide-y divide-slate-100 text-sm">
          {domains.map((d) => (
            <li key={d.id} className="flex justify-between py-2">
              <span>{d.displayName}</span>
              <span className="text-slate-500">
                {d.packageName} · {t(`panelKind.${d.panel}`)}
              </span>
            </li>
          ))}
        </ul>
      </Card>
      <ServerAddresses settings={await getServerSettings()} />
    </>
  );
}
