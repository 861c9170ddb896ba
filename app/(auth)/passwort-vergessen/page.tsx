import type { Metadata } from "next";
import { getTranslations } from "@/lib/i18n/translations";
import { ForgotForm } from "@/components/recovery/forgot-form";
import { requestResetAction } from "./actions";

export const metadata: Metadata = { referrer: "no-referrer" };

export default async function ForgotPasswordPage() {
  const t = await getTranslations("recovery");
  return (
    <>
      <div className="rounded-t-lg bg-brand-600 px-6 py-4 text-white">
        <h1 className="text-lg font-semibold">{t("forgotTitle")}</h1>
      </div>
      <div className="p-6">
        <p className="mb-5 text-sm text-slate-600">{t("forgotIntro")}</p>
        <ForgotForm action={requestResetAction} />
      </div>
    </>
  );
}
