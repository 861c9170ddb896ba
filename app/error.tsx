"use client";

import { useTranslations } from "next-intl";

const REFUSALS = ["origin", "tooLarge", "badRequest"] as const;

/**
 * What a person sees when an action fails outside its form's own answer. The production server
 * refuses some action requests before Next (lib/security/action-guard.mjs) and sends the reason as
 * plain text in the visitor's language; Next's client throws that text, and it lands here. Those
 * reasons are shown as sent; anything else gets a general line, never a raw error.
 */
export default function ErrorPage({ error, reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("refused");
  const refusal = REFUSALS.map((key) => t(key)).find((text) => text === error.message);
  return (
    <main role="alert" className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">{refusal ? t("title") : t("unexpectedTitle")}</h1>
      <p className="mt-2 text-slate-600">{refusal ?? t("unexpected")}</p>
      <p className="mt-6 flex justify-center gap-4">
        <button type="button" onClick={reset} className="text-brand-700 underline">
          {t("retry")}
        </button>
        <a href="/" className="text-brand-700 underline">
          {t("back")}
        </a>
      </p>
    </main>
  );
}
