import { getTranslations } from "@/lib/i18n/translations";
import type { ReactNode } from "react";
import { PanelIcon } from "@/components/panel/shared/icons";
import { panelLinks } from "@/components/panel/shared/links";
import { NavLink } from "@/components/panel/shared/nav-link";
import { UserMenu } from "@/components/shell/user-menu";
import { PASSWORD_PAGE } from "@/lib/authz/navigation";
import type { PanelSubscription } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { CLASSIC_THEME, type ClassicVariant } from "./variant";

/** The shortcut pane lists a few domains; the Domains page lists them all. */
const SHORTCUT_DOMAINS = 8;

type Props = { variant: ClassicVariant; sub: PanelSubscription; customer: string; children: ReactNode };

/**
 * The Plesk 8/9 frame: a title bar and the left navigation pane with the home link at the top left
 * ("Start" in 8, "Startseite" in 9). Plesk 9 adds the shortcut pane listing Domains.
 */
export async function ClassicFrame({ variant, sub, customer, children }: Props) {
  const t = await getTranslations("panel");
  const tk = await getTranslations("panelKind");
  const theme = CLASSIC_THEME[variant];
  const links = panelLinks(sub.id);
  const item = `flex items-center gap-2 rounded px-3 py-1.5 text-[13px] ${theme.navLink}`;
  const heading = `px-3 pb-1 pt-4 text-[11px] font-semibold uppercase tracking-wide ${theme.navHeading}`;
  return (
    <div className={`flex min-h-screen flex-col text-[13px] ${theme.page}`} data-panel={variant}>
      <header className={`flex flex-wrap items-center justify-between gap-3 px-4 py-2 ${theme.header}`}>
        <div className="flex items-baseline gap-3">
          <span className="text-base font-bold tracking-wide">{t("controlPanel")}</span>
          <span className="text-xs text-white/75">
            {tk(variant)} · {t("package", { name: sub.packageName })}
          </span>
        </div>
        <UserMenu user={customer} passwordHref={PASSWORD_PAGE.customer} />
      </header>
      {/* On a phone the navigation comes first, above the page; beside it there is no room. */}
      <div className="flex flex-1 flex-col md:flex-row">
        <nav aria-label={t("controlPanel")} className={`p-2 md:w-56 md:shrink-0 ${theme.nav}`}>
          <NavLink href={links.start} exact className={`${item} text-sm font-bold`} activeClassName={theme.navActive}>
            <PanelIcon name="home" size={18} />
            {variant === "plesk8" ? t("start") : t("startpage")}
          </NavLink>
          {variant === "plesk9" ? (
            <>
              <p className={heading}>{t("shortcuts")}</p>
              <NavLink href={links.domains} className={item} activeClassName={theme.navActive}>
                <PanelIcon name="domains" size={16} />
                {t("domains")}
              </NavLink>
              <ul className="mb-1 ml-8 space-y-0.5 text-xs">
                {sub.domains.slice(0, SHORTCUT_DOMAINS).map((d) => (
                  <li key={d.id} className="truncate">
                    {d.displayName}
                  </li>
                ))}
                {sub.domains.length > SHORTCUT_DOMAINS && <li>…</li>}
              </ul>
              <NavLink href={links.mail} className={item} activeClassName={theme.navActive}>
                <PanelIcon name="mail" size={16} />
                {t("email")}
              </NavLink>
            </>
          ) : (
            <>
              <p className={heading}>{t("general")}</p>
              <NavLink href={links.domains} className={item} activeClassName={theme.navActive}>
                <PanelIcon name="domains" size={16} />
                {t("domains")}
              </NavLink>
              {/* Seed 001: "Start" → "E-Mail" is the path Plesk 8 users know. */}
              <NavLink href={links.mail} className={item} activeClassName={theme.navActive}>
                <PanelIcon name="mail" size={16} />
                {t("email")}
              </NavLink>
            </>
          )}
          <p className={heading}>{t("account")}</p>
          <NavLink href={links.account} className={item} activeClassName={theme.navActive}>
            <PanelIcon name="account" size={16} />
            {t("account")}
          </NavLink>
          <NavLink href={links.server} className={item} activeClassName={theme.navActive}>
            <PanelIcon name="server" size={16} />
            {t("serverAddresses")}
          </NavLink>
          <NavLink href="/ksc/domains" className={`${item} mt-6`} activeClassName="">
            <PanelIcon name="back" size={16} />
            {t("backToKsc")}
          </NavLink>
        </nav>
        <main className="min-w-0 flex-1 p-4">{children}</main>
      </div>
    </div>
  );
}
