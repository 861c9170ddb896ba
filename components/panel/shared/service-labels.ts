import "server-only";
import { getTranslations } from "@/lib/i18n/translations";
import { SERVICE_KEYS, type ServiceLabels } from "./service-icons";

type Translator = Awaited<ReturnType<typeof getTranslations>>;

/**
 * The six labels by translator: lib/i18n/translations.ts keeps one translator per locale for the
 * life of the process, and the labels are pure text of that locale, so they are formatted once per
 * process instead of once per page view (six message formats on every address list).
 */
const byTranslator = new WeakMap<Translator, ServiceLabels>();

/** The six icon labels, translated once per locale rather than three times per row. */
export async function serviceLabels(): Promise<ServiceLabels> {
  const t = await getTranslations("panel.service");
  let labels = byTranslator.get(t);
  if (!labels) {
    labels = Object.fromEntries(
      SERVICE_KEYS.map((key) => [key, { on: t("on", { name: t(key) }), off: t("off", { name: t(key) }) }]),
    ) as ServiceLabels;
    byTranslator.set(t, labels);
  }
  return labels;
}
