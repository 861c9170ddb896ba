import "server-only";
import { _createCache, _createIntlFormatters, createTranslator } from "next-intl";
import { getLocale, type getTranslations as nextIntlGetTranslations } from "next-intl/server";
import { cache } from "react";
import { timeZone } from "@/lib/config";
import { loadMessages } from "./load-messages";
import { isLocale, DEFAULT_LOCALE } from "./locales";

type Formatting = { cache: ReturnType<typeof _createCache>; formatters: ReturnType<typeof _createIntlFormatters> };
const formattingByLocale = new Map<string, Formatting>();

function formattingFor(locale: string): Formatting {
  let formatting = formattingByLocale.get(locale);
  if (!formatting) {
    const intlCache = _createCache();
    formatting = { cache: intlCache, formatters: _createIntlFormatters(intlCache) };
    formattingByLocale.set(locale, formatting);
  }
  return formatting;
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
  const { cache: intlCache, formatters } = formattingFor(locale);
  return createTranslator({ locale, messages: loadMessages(locale), namespace, timeZone: timeZone(), _cache: intlCache, _formatters: formatters });
}) as unknown as typeof nextIntlGetTranslations;
