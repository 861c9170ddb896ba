import { getRequestConfig } from "next-intl/server";
import { cookies } from "next/headers";
import { loadMessages } from "./load-messages";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "./locales";

/** The locale lives in a cookie (no locale prefix in URLs); German unless the user switched. */
export default getRequestConfig(async () => {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(value) ? value : DEFAULT_LOCALE;
  return { locale, messages: loadMessages(locale) };
});
