import { getTranslations } from "@/lib/i18n/translations";
import { panelLinks } from "@/components/panel/shared/links";
import { mailboxUsageText } from "@/components/panel/shared/usage";
import type { PanelSubscription } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { IconGroup } from "./icon-group";
import { ClassicBox, ClassicPage } from "./page";
import type { ClassicVariant } from "./variant";

/** Start page: the subscription's domains, then the icon groups; "E-Mail" sits in "Dienste". */
export async function ClassicStartView({ variant, sub }: { variant: ClassicVariant; sub: PanelSubscription }) {
  const t = await getTranslations("panel");
  const links = panelLinks(sub.id);
  const home = variant === "plesk8" ? t("start") : t("startpage");
  return (
    <ClassicPage title={home} crumbs={[{ label: home }]}>
      <ClassicBox>
        <h2 className="mb-2 text-sm font-bold text-[#1f3850]">{t("subscriptionDomains")}</h2>
        <table className="w-full text-left text-[13px]">
          <tbody>
            {sub.domains.map((d) => (
              <tr key={d.id} className="border-t border-slate-200 first:border-t-0">
                <td className="py-1.5 font-medium">{d.displayName}</td>
                <td className="text-slate-600">{t("domainMailboxes", { count: d.mailboxCount })}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-xs text-slate-600">{mailboxUsageText(t, sub)}</p>
      </ClassicBox>
      <IconGroup variant={variant} title={t("services")} icons={[{ href: links.mail, label: t("email"), icon: "mail" }]} />
      <IconGroup
        variant={variant}
        title={t("info")}
        icons={[
          { href: links.server, label: t("serverAddresses"), icon: "server" },
          { href: links.account, label: t("account"), icon: "account" },
        ]}
      />
    </ClassicPage>
  );
}
