import "server-only";
import { createTranslator } from "next-intl";
import { getLocale, type getTranslations as nextIntlGetTranslations } from "next-intl/server";
import { cache } from "react";
import { timeZone } from "@/lib/config";
import { loadMessages, type Messages } from "./load-messages";
import { isLocale, DEFAULT_LOCALE } from "./locales";

type Translator = ReturnType<typeof createTranslator>;
/**
 * Translators by messages object (one per locale in production: loadMessages keeps it), then by
 * namespace and zone. A translator keeps its parsed messages and Intl formatters for as long as it
 * lives, so keeping the translator keeps them, through next-intl's public API only.
 */
const translators = new WeakMap<Messages, Map<string, Translator>>();

function translatorFor(locale: string, messages: Messages, namespace: string | undefined, zone: string): Translator {
  let byKey = translators.get(messages);
  if (!byKey) {
    byKey = new Map();
    translators.set(messages, byKey);
  }
  const key = `${locale}\0${namespace ?? ""}\0${zone}`;
  let translator = byKey.get(key);
  if (!translator) {
    translator = createTranslator({ locale, messages, namespace, timeZone: zone });
    byKey.set(key, translator);
  }
  return translator;
}

/**
 * next-intl's getTranslations for server components, with the parsed messages and Intl formatters
 * kept for the life of the process instead of one request: next-intl builds them anew per request,
 * which parsed every message a page shows on every page view (~4 % of a list page's CPU in the
 * benchmark). Parsing and formatting are pure for a locale and the fixed time zone, so sharing is
 * safe. Server actions keep next-intl's own (lib/actions/define-action.ts).
 */
export const getTranslations = cache(async (namespace?: string) => {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  return translatorFor(locale, loadMessages(locale), namespace, timeZone());
}) as unknown as typeof nextIntlGetTranslations;
