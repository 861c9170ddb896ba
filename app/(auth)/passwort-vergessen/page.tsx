import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function ForgotPasswordPage() {
  const t = await getTranslations("forgot");
  return (
    <div className="space-y-4 p-6">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("body")}</p>
      <Link href="/login" className="text-sm text-brand-700 underline">{t("back")}</Link>
    </div>
  );
}
