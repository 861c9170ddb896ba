import { getRequestConfig } from "next-intl/server";
import { cookies } from "next/headers";
import { loadMessages } from "./load-messages";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "./locales";

/**
 * Dates are shown in the hoster's time zone. Naming it also spares next-intl from asking Intl for the
 * server's zone on every request, which showed up in the benchmark's CPU profiles.
 */
export const TIME_ZONE = process.env.KONTOR_TIME_ZONE || "Europe/Berlin";

/** The locale lives in a cookie (no locale prefix in URLs); German unless the user switched. */
export default getRequestConfig(async () => {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(value) ? value : DEFAULT_LOCALE;
  return { locale, messages: loadMessages(locale), timeZone: TIME_ZONE };
});
