import { getLocale } from "next-intl/server";
import { getTranslations } from "@/lib/i18n/translations";
import { formatMegabytes } from "@/lib/services/mail-usage/mail-usage";

/**
 * One wording of storage use in every list and the self-service: "12,3 von 250 MB", "12,3 MB
 * (unbegrenzt)", and, while Dovecot has reported nothing for the mailbox (no mail since its usage row
 * went missing, e.g. after an import: `npm run mail:usage -- --recalc`), "noch nicht gemessen"
 * rather than a zero nobody measured.
 */
export async function quotaUsageFormatter(): Promise<(usedBytes: number | null, quotaMb: number | null) => string> {
  const t = await getTranslations("panel");
  const locale = await getLocale();
  return (usedBytes, quotaMb) => {
    if (usedBytes === null) return quotaMb === null ? t("usageNotMeasuredUnlimited") : t("usageNotMeasured", { mb: quotaMb });
    const used = formatMegabytes(usedBytes, locale);
    return quotaMb === null ? t("usageUnlimited", { used }) : t("usageOf", { used, mb: quotaMb });
  };
}
