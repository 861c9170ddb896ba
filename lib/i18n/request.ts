import { getRequestConfig } from "next-intl/server";
import { cookies } from "next/headers";
import { timeZone } from "@/lib/config";
import { loadMessages } from "./load-messages";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "./locales";

/** The locale lives in a cookie (no locale prefix in URLs); German unless the user switched. */
export default getRequestConfig(async () => {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(value) ? value : DEFAULT_LOCALE;
  // Dates are shown in the hoster's zone. Naming it also spares next-intl from asking Intl for the
  // server's zone on every request, which showed up in the benchmark's CPU profiles.
  return { locale, messages: loadMessages(locale), timeZone: timeZone() };
});
