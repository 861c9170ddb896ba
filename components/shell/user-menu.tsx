import { getTranslations } from "@/lib/i18n/translations";
import { LanguageSwitch } from "./language-switch";
import { LogoutButton } from "./logout-button";

/**
 * The user menu at the top right (seed 004: "menu utente in alto a destra" → "Cambia password"):
 * who is logged in, the language, "Passwort ändern" and "Abmelden". A <details> element, so it opens
 * without client JavaScript and keyboard users reach it like any button.
 */
export async function UserMenu({ user, passwordHref }: { user: string; passwordHref: string }) {
  const t = await getTranslations("common");
  return (
    <details className="group relative">
      <summary className="flex cursor-pointer list-none items-center gap-1 rounded px-2 py-1 text-sm text-white/90 hover:bg-white/10">
        <span>{user}</span>
        <span aria-hidden="true" className="text-xs">
          ▾
        </span>
      </summary>
      <div
        role="group"
        aria-label={t("userMenu")}
        className="absolute right-0 z-10 mt-2 w-64 space-y-3 rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-800 shadow-lg"
      >
        <p className="text-slate-600">{t("loggedInAs", { name: user })}</p>
        <div className="flex items-center justify-between gap-2">
          <span className="text-slate-600">{t("language")}</span>
          <LanguageSwitch tone="light" />
        </div>
        <a href={passwordHref} className="block rounded px-2 py-1 text-brand-700 hover:bg-brand-50">
          {t("changePassword")}
        </a>
        <LogoutButton tone="light" />
      </div>
    </details>
  );
}
