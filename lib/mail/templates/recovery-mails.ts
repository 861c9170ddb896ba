import { createTranslator } from "use-intl/core";
import { formatTime } from "@/lib/i18n/format-time";
import type { Locale } from "@/lib/i18n/locales";
import de from "@/messages/de/recovery.json";
import en from "@/messages/en/recovery.json";
import it from "@/messages/it/recovery.json";
import type { OutgoingMail } from "../smtp";

const MESSAGES = { de, en, it } as const;

/**
 * Fixed templates: user data (account names, links) is only ever interpolated as a value, never
 * compiled as a message, so `{…}` or `{{7*7}}` in a name stays inert text.
 */
function translator(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: "mails" });
}

export type LinkMailInput = { to: string; account: string; link: string; locale: Locale; bySupport?: boolean };

export function renderResetLinkMail({ to, account, link, locale, bySupport }: LinkMailInput): OutgoingMail {
  const t = translator(locale);
  const text = [
    t("greeting"),
    "",
    bySupport ? t("supportBody", { account }) : t("resetBody", { account }),
    "",
    link,
    "",
    t("validity"),
    t("ignore"),
    "",
    t("signature"),
  ].join("\n");
  return { to, subject: t("resetSubject"), text };
}

export function renderPasswordChangedMail({
  to,
  account,
  at,
  locale,
}: {
  to: string;
  account: string;
  at: Date;
  locale: Locale;
}): OutgoingMail {
  const t = translator(locale);
  const time = formatTime(at, locale, "dateTimeZone");
  const text = [t("greeting"), "", t("changedBody", { account, time }), "", t("changedWarning"), "", t("signature")].join("\n");
  return { to, subject: t("changedSubject"), text };
}

/** To the contact on file when support sent a link elsewhere: the owner learns of it either way. */
export function renderSupportNoticeMail({
  to,
  account,
  sentTo,
  locale,
}: {
  to: string;
  account: string;
  sentTo: string;
  locale: Locale;
}): OutgoingMail {
  const t = translator(locale);
  const text = [t("greeting"), "", t("supportNoticeBody", { account, sentTo }), "", t("changedWarning"), "", t("signature")].join("\n");
  return { to, subject: t("supportNoticeSubject"), text };
}
