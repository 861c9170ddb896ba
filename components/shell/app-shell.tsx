import type { ReactNode } from "react";
import type { Role } from "@/lib/authz/permissions";
import { getTranslations } from "@/lib/i18n/translations";
import { AREA_NAME, NAVIGATION, PASSWORD_PAGE } from "@/lib/authz/navigation";
import { UserMenu } from "./user-menu";

/**
 * The frame of every logged-in area: title bar with the user menu (name, language, "Passwort ändern",
 * "Abmelden"), side navigation of the role (none while a forced password change is pending).
 * Plain anchors: next/link would render a client component per entry on every page view and
 * prefetch every area page as soon as the navigation is visible.
 */
export async function AppShell({
  role,
  user,
  withNav = true,
  children,
}: {
  role: Role;
  user: string;
  withNav?: boolean;
  children: ReactNode;
}) {
  const t = await getTranslations("nav");
  const area = t(AREA_NAME[role]);
  const nav = withNav ? NAVIGATION[role] : [];
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
          <UserMenu user={user} passwordHref={PASSWORD_PAGE[role]} />
        </div>
      </header>
      {/* On a phone the menu sits above the page as rows of entries; beside it there is no room. */}
      <div className="mx-auto flex w-full max-w-6xl flex-1 flex-col gap-4 px-4 py-4 md:flex-row md:gap-6 md:py-6">
        <nav aria-label={area} className="md:w-52 md:shrink-0">
          <ul className="flex flex-wrap gap-1 rounded-lg bg-white p-2 shadow-sm md:block md:space-y-1">
            {nav.map((item) => (
              <li key={item.href}>
                <a href={item.href} className="block rounded px-3 py-2 text-sm hover:bg-brand-50">
                  {t(item.label)}
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
