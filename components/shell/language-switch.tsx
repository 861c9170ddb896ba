"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { IDLE } from "@/lib/actions/action-state";
import { switchLocaleAction } from "@/lib/actions/session-actions";
import { LOCALES } from "@/lib/i18n/locales";

export function LanguageSwitch({ tone = "dark" }: { tone?: "dark" | "light" }) {
  const t = useTranslations("language");
  const tc = useTranslations("common");
  const current = useLocale();
  const router = useRouter();
  const [state, formAction] = useActionState(switchLocaleAction, IDLE);
  useEffect(() => {
    if (state.status === "success") router.refresh();
  }, [state, router]);
  const base = tone === "dark" ? "text-white/80 hover:text-white" : "text-slate-600 hover:text-slate-900";
  return (
    <form action={formAction} className="flex items-center gap-1 text-sm" aria-label={tc("language")}>
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
