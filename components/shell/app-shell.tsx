import { getTranslations } from "@/lib/i18n/translations";
import type { ReactNode } from "react";
import { LanguageSwitch } from "./language-switch";
import { LogoutButton } from "./logout-button";

export type NavItem = { href: string; label: string };

/**
 * The frame of every logged-in area: title bar with user, language and "Abmelden", side navigation.
 * Plain anchors: next/link would render a client component per entry on every page view and
 * prefetch every area page as soon as the navigation is visible.
 */
export async function AppShell({ area, user, nav, children }: { area: string; user: string; nav: NavItem[]; children: ReactNode }) {
  const t = await getTranslations("common");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div className="flex items-baseline gap-3">
            <a href="/" className="text-lg font-semibold tracking-wide">
              Kontor
            </a>
            <span className="text-sm text-white/80">{area}</span>
          </div>
          <div className="flex items-center gap-4">
            <span className="text-sm text-white/80">{t("loggedInAs", { name: user })}</span>
            <LanguageSwitch />
            <LogoutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-6xl flex-1 gap-6 px-4 py-6">
        <nav aria-label={area} className="w-52 shrink-0">
          <ul className="space-y-1 rounded-lg bg-white p-2 shadow-sm">
            {nav.map((item) => (
              <li key={item.href}>
                <a href={item.href} className="block rounded px-3 py-2 text-sm hover:bg-brand-50">
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="min-w-0 flex-1 space-y-6">{children}</main>
      </div>
    </div>
  );
}
