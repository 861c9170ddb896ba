import { getTranslations } from "@/lib/i18n/translations";
import type { MailAccountUsage } from "@/lib/services/orders/usage";

/** "2 von 5 Mail-Konten belegt": the same words in the E-Mail-Administration and the Domainverwaltung. */
export async function mailAccountUsageText(usage: MailAccountUsage): Promise<string> {
  const t = await getTranslations("mailAdmin");
  return usage.max === null ? t("usageUnlimited", { used: usage.used }) : t("usage", { used: usage.used, max: usage.max });
}
