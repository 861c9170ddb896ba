import "server-only";
import { getLocale } from "next-intl/server";
import { formatTime, type TimeStyle } from "./format-time";
import { DEFAULT_LOCALE, isLocale } from "./locales";

/** formatTime in the request's language, for server components. */
export async function getTimeFormatter(): Promise<(at: Date, style?: TimeStyle) => string> {
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  return (at, style) => formatTime(at, locale, style);
}
