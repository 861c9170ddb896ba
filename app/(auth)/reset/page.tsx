import type { Metadata } from "next";
import { getTranslations } from "@/lib/i18n/translations";
import { ResetFlow } from "@/components/recovery/reset-flow";
import { completeResetAction, confirmLinkAction } from "./actions";

// The page itself never sees the token (it is in the URL fragment); no-referrer keeps even the path private.
export const metadata: Metadata = { referrer: "no-referrer", robots: { index: false } };

export default async function ResetPage() {
  const t = await getTranslations("recovery");
  return (
    <>
      <div className="rounded-t-lg bg-brand-600 px-6 py-4 text-white">
        <h1 className="text-lg font-semibold">{t("resetTitle")}</h1>
      </div>
      <div className="p-6">
        <ResetFlow confirmAction={confirmLinkAction} completeAction={completeResetAction} />
      </div>
    </>
  );
}
