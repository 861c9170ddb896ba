import { getTranslations } from "@/lib/i18n/translations";
import { panelLinks } from "@/components/panel/shared/links";
import { loadPanel, type SubscriptionParams } from "../panel-context";

/** "Websites & Domains" (Plesk 10) / "Domains" (Plesk 8/9): the subscription's domains. */
export default async function PanelDomainsPage({ params }: SubscriptionParams) {
  const { sub, skin } = await loadPanel((await params).subscriptionId);
  const t = await getTranslations("panel");
  const title = sub.panel === "plesk10" ? t("websites") : t("domains");
  return (
    <skin.Page sub={sub} title={title} crumbs={[{ href: panelLinks(sub.id).start, label: t("start") }, { label: title }]}>
      <table className="w-full text-left text-[13px]">
        <thead>
          <tr className="text-slate-600">
            <th className="py-1">{t("domain")}</th>
            <th>{t("servicesColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {sub.domains.map((d) => (
            <tr key={d.id} className="border-t border-slate-200">
              <td className="py-1.5 font-medium">{d.displayName}</td>
              <td>{t("domainMailboxes", { count: d.mailboxCount })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </skin.Page>
  );
}
