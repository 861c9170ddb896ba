import { getTranslations } from "@/lib/i18n/translations";
import { PanelIcon } from "@/components/panel/shared/icons";
import { panelLinks } from "@/components/panel/shared/links";
import { mailboxUsageText } from "@/components/panel/shared/usage";
import type { PanelSubscription } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { Plesk10Box, Plesk10Page } from "./page";

/** The "Start" tab: the subscription's domains and usage, with shortcuts to the other tabs. */
export async function Plesk10StartView({ sub }: { sub: PanelSubscription }) {
  const t = await getTranslations("panel");
  const links = panelLinks(sub.id);
  const shortcuts = [
    { href: links.mail, label: t("email"), icon: "mail" as const },
    { href: links.domains, label: t("websites"), icon: "domains" as const },
    { href: links.users, label: t("users"), icon: "users" as const },
    { href: links.server, label: t("serverAddresses"), icon: "server" as const },
  ];
  return (
    <Plesk10Page title={t("start")} crumbs={[{ label: t("controlPanel") }]}>
      <div className="grid gap-4 md:grid-cols-[2fr_1fr]">
        <Plesk10Box>
          <h2 className="mb-2 text-base font-semibold">{t("subscriptionDomains")}</h2>
          <ul className="divide-y divide-slate-200">
            {sub.domains.map((d) => (
              <li key={d.id} className="flex justify-between py-2">
                <span className="font-medium">{d.displayName}</span>
                <span className="text-slate-500">{t("domainMailboxes", { count: d.mailboxCount })}</span>
              </li>
            ))}
          </ul>
        </Plesk10Box>
        <Plesk10Box>
          <h2 className="mb-2 text-base font-semibold">{t("package", { name: sub.packageName })}</h2>
          <p className="text-slate-600">{mailboxUsageText(t, sub)}</p>
        </Plesk10Box>
      </div>
      <ul className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {shortcuts.map((s) => (
          <li key={s.href}>
            <a
              href={s.href}
              className="flex items-center gap-2 rounded border border-slate-300 bg-white p-3 text-[#1f6fb2] hover:bg-[#eef5fb]"
            >
              <PanelIcon name={s.icon} />
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </Plesk10Page>
  );
}
