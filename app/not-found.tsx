import { getTranslations } from "@/lib/i18n/translations";

/** Rendered into every page's payload as the not-found fallback: kept to plain elements. */
export default async function NotFound() {
  const t = await getTranslations();
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">404</h1>
      <p className="mt-2 text-slate-600">{t("errors.notFound")}</p>
      <a href="/" className="mt-6 inline-block text-brand-700 underline">
        {t("common.home")}
      </a>
    </main>
  );
}
