import { getLocale } from "next-intl/server";
import { switchLocaleAction } from "@/lib/actions/session-actions";
import { LOCALES } from "@/lib/i18n/locales";
import { getTranslations } from "@/lib/i18n/translations";

/**
 * The language buttons, rendered on the server as a plain form (see LogoutButton for why). The action
 * sets the locale cookie, and a server action that changes cookies re-renders the page it came from.
 */
export async function LanguageSwitch({ tone = "dark" }: { tone?: "dark" | "light" }) {
  const t = await getTranslations("language");
  const tc = await getTranslations("common");
  const current = await getLocale();
  const base = tone === "dark" ? "text-white/80 hover:text-white" : "text-slate-600 hover:text-slate-900";
  return (
    <form action={switchLocaleAction} className="flex items-center gap-1 text-sm" aria-label={tc("language")}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          title={t(locale)}
          className={`rounded px-1.5 py-0.5 uppercase ${locale === current ? "font-semibold underline" : base}`}
        >
          {locale}
        </button>
      ))}
    </form>
  );
}
