import "server-only";
import { getTranslations } from "@/lib/i18n/translations";
import { SERVICE_KEYS, type ServiceLabels } from "./service-icons";

/** The six icon labels, translated once per page rather than three times per row. */
export async function serviceLabels(): Promise<ServiceLabels> {
  const t = await getTranslations("panel.service");
  return Object.fromEntries(
    SERVICE_KEYS.map((key) => [key, { on: t("on", { name: t(key) }), off: t("off", { name: t(key) }) }]),
  ) as ServiceLabels;
}
