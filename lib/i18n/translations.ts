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
    translator = withTextMemo(createTranslator({ locale, messages, namespace, timeZone: zone }));
    byKey.set(key, translator);
  }
  return translator;
}

/** Formatted texts kept per translator; beyond this many the oldest are dropped. */
const TEXT_LIMIT = 500;

/**
 * The translator with the texts of messages with values remembered. next-intl serializes its memo
 * keys (the message, locale and formats, as JSON) on every call with values: ~9 µs per call in a
 * micro-benchmark on the loaded development machine (the compiled message alone: ~0.2 µs; the JSON
 * keys were ~40 % of the profile), and list pages format dozens ("3 von 8000", "12 in dieser
 * Domain"). A text depends only on the translator (locale, namespace, fixed zone), the key and the
 * values, so it is safe to share. Only texts whose values are all numbers or booleans are kept, so
 * the memo never holds a tenant's names or addresses; strings, dates, rich text and explicit formats
 * go to next-intl as before.
 */
function withTextMemo(t: Translator): Translator {
  const texts = new Map<string, string>();
  const format = (key: string, values?: Record<string, unknown>, formats?: unknown): string => {
    const call = t as unknown as (key: string, values?: Record<string, unknown>, formats?: unknown) => string;
    if (!values || formats !== undefined) return call(key, values, formats);
    let memoKey = key;
    for (const name in values) {
      const value = values[name];
      if (typeof value !== "number" && typeof value !== "boolean") return call(key, values);
      memoKey += `\0${name}\0${String(value)}`;
    }
    let text = texts.get(memoKey);
    if (text === undefined) {
      text = call(key, values);
      if (texts.size >= TEXT_LIMIT) texts.delete(texts.keys().next().value as string);
      texts.set(memoKey, text);
    }
    return text;
  };
  const memo: unknown = Object.assign(format, { rich: t.rich.bind(t), markup: t.markup.bind(t), raw: t.raw.bind(t), has: t.has.bind(t) });
  return memo as Translator;
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
