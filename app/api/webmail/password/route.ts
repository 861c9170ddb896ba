import { createTranslator } from "use-intl/core";
import { loadMessages } from "@/lib/i18n/load-messages";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { sendAfterResponse } from "@/lib/services/recovery/deliver";
import { getServerSettings } from "@/lib/services/settings/server-settings";
import { changePasswordFromWebmail } from "@/lib/services/webmail/change-password";
import { webmailPasswordSchema } from "@/lib/validation/webmail";
import { isWebmailCaller, socketAddress } from "@/lib/webmail/caller";

export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * Roundcube's password driver (roundcube/password-driver/kontor.php) changes a mailbox password here.
 * 404 to anyone but the webmail (see isWebmailCaller); 400 for a malformed body; 422 with the reason
 * and Kontor's texts in the user's language when refused; 200 with the set-up page's address when
 * changed. Passwords are never logged or echoed.
 */
export async function POST(request: Request) {
  const forwardedFor = request.headers.get("x-forwarded-for");
  if (!isWebmailCaller(forwardedFor, request.headers.get("authorization"))) return json(404, { ok: false });
  const body: unknown = await request.json().catch(() => null);
  const parsed = webmailPasswordSchema.safeParse(body);
  if (!parsed.success) return json(400, { ok: false, reason: "invalid" });
  const input = parsed.data;
  const language = input.language?.slice(0, 2);
  const locale: Locale = isLocale(language) ? language : DEFAULT_LOCALE;
  const result = await changePasswordFromWebmail(input, input.clientIp ?? socketAddress(forwardedFor), locale);
  if (!result.ok) {
    // Keys come from the services (i18n keys of the password and mailbox-settings texts), not from input.
    const t = createTranslator({ locale, messages: loadMessages(locale) }) as unknown as (key: string) => string;
    return json(422, { ok: false, reason: result.reason, messages: result.messageKeys.map((key) => t(key)) });
  }
  sendAfterResponse(result.notice);
  // The same public address as the links in Kontor's mails (admin settings, else KONTOR_PUBLIC_URL).
  const base = (await getServerSettings()).publicUrl.replace(/\/+$/, "");
  return json(200, { ok: true, setupUrl: `${base}/mailbox/setup` });
}
