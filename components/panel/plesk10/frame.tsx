import { getTranslations } from "@/lib/i18n/translations";
import type { ReactNode } from "react";
import { panelLinks } from "@/components/panel/shared/links";
import { NavLink } from "@/components/panel/shared/nav-link";
import { UserMenu } from "@/components/shell/user-menu";
import { PASSWORD_PAGE } from "@/lib/authz/navigation";
import type { PanelSubscription } from "@/lib/services/subscriptions/get-subscription-for-customer";

/** The Plesk 10 Control Panel: a dark title bar and tabs across the top (Start, Benutzer, Websites & Domains, E-Mail, Konto). */
export async function Plesk10Frame({ sub, customer, children }: { sub: PanelSubscription; customer: string; children: ReactNode }) {
  const t = await getTranslations("panel");
  const tk = await getTranslations("panelKind");
  const links = panelLinks(sub.id);
  const tabs = [
    { href: links.start, label: t("start"), exact: true },
    { href: links.users, label: t("users"), exact: false },
    { href: links.domains, label: t("websites"), exact: false },
    { href: links.mail, label: t("email"), exact: false },
    { href: links.account, label: t("account"), exact: false },
  ];
  return (
    <div className="flex min-h-screen flex-col bg-[#d9dee3] text-[13px]" data-panel="plesk10">
      <header className="bg-gradient-to-b from-[#3a4149] to-[#22272d] text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 pt-2">
          <div className="flex items-baseline gap-3">
            <span className="text-base font-semibold">{t("controlPanel")}</span>
            <span className="text-xs text-white/70">
              {tk("plesk10")} · {t("package", { name: sub.packageName })}
            </span>
          </div>
          <div className="flex items-center gap-3">
            <a href="/ksc/domains" className="text-xs text-white/80 underline-offset-2 hover:underline">
              {t("backToKsc")}
            </a>
            <UserMenu user={customer} passwordHref={PASSWORD_PAGE.customer} />
          </div>
        </div>
        <nav aria-label={t("controlPanel")} className="mx-auto mt-2 flex max-w-6xl flex-wrap gap-1 px-4">
          {tabs.map((tab) => (
            <NavLink
              key={tab.href}
              href={tab.href}
              exact={tab.exact}
              className="whitespace-nowrap rounded-t-md border border-b-0 border-[#59626c] bg-gradient-to-b from-[#5c656f] to-[#474f58] px-3 py-2 text-[13px] text-white/90 hover:from-[#6a747f] sm:px-4"
              activeClassName="!border-white !bg-none !bg-[#f5f6f7] font-semibold !text-[#22272d]"
            >
              {tab.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-4">
        <div className="min-h-[60vh] rounded-b rounded-tr bg-[#f5f6f7] p-5 shadow">{children}</div>
      </main>
    </div>
  );
}
