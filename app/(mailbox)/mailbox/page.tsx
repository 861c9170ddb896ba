import { getTranslations } from "@/lib/i18n/translations";
import Link from "next/link";
import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { quotaUsageFormatter } from "@/components/mail/quota-usage";
import { nearQuota } from "@/lib/services/mail-usage/mail-usage";
import { WebmailLink } from "@/components/mail/webmail-link";
import { webmailUrl } from "@/lib/config";
import { Card, PageTitle } from "@/components/ui/card";
import { ServerAddresses } from "@/components/ui/server-addresses";
import { requirePermission } from "@/lib/auth/session";
import { otherAddressesOf } from "@/lib/services/aliases/list-aliases";
import { getOwnSpamSettings } from "@/lib/services/mailbox-settings/spam";
import { getOwnMailbox } from "@/lib/services/mailboxes/get-own-mailbox";
import { getServerSettings } from "@/lib/services/settings/server-settings";

const SETTINGS = [
  { href: "/mailbox/password", key: "password" },
  { href: "/mailbox/forwards", key: "forwards" },
  { href: "/mailbox/sender-lists", key: "senders" },
  { href: "/mailbox/spam", key: "spam" },
  { href: "/mailbox/autoresponder", key: "autoresponder" },
  { href: "/mailbox/server", key: "server" },
] as const;

export default async function MailboxStartPage() {
  const actor = await requirePermission("mailbox.self");
  const t = await getTranslations();
  const mailbox = await getOwnMailbox(actor);
  const usage = await quotaUsageFormatter();
  const formatTime = await getTimeFormatter();
  const spam = await getOwnSpamSettings(actor);
  const spamState = !spam.available || !spam.enabled ? "off" : spam.action;
  const others = await otherAddressesOf({ id: mailbox.id, address: mailbox.address });
  return (
    <>
      <PageTitle>{t("nav.start")}</PageTitle>
      <Card title={t("mailbox.welcome", { address: mailbox.displayAddress })}>
        <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
          <dt className="text-slate-500">{t("mailbox.quota")}</dt>
          <dd className={nearQuota(mailbox.usedBytes, mailbox.quotaMb) ? "font-semibold text-red-700" : undefined}>
            {usage(mailbox.usedBytes, mailbox.quotaMb)}
            {nearQuota(mailbox.usedBytes, mailbox.quotaMb) && <span className="block text-xs">{t("mailbox.quotaWarning")}</span>}
          </dd>
          <dt className="text-slate-500">{t("panel.lastLogin")}</dt>
          <dd>{mailbox.lastLogin ? formatTime(mailbox.lastLogin) : t("panel.neverLoggedIn")}</dd>
          <dt className="text-slate-500">{t("mailbox.status")}</dt>
          <dd>{mailbox.enabled ? t("mailbox.enabled") : t("mailbox.disabled")}</dd>
        </dl>
      </Card>
      <Card title={t("aliases.otherAddressesTitle")}>
        {others.aliases.length + others.catchAllDomains.length === 0 ? (
          <p className="text-sm">{t("aliases.otherAddressesNone")}</p>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-600">{t("aliases.otherAddressesIntro")}</p>
            <ul className="list-inside list-disc text-sm">
              {others.aliases.map((a) => (
                <li key={a} className="font-mono">
                  {a}
                </li>
              ))}
              {others.catchAllDomains.map((d) => (
                <li key={d}>{t("aliases.catchAllOf", { domain: d })}</li>
              ))}
            </ul>
          </>
        )}
      </Card>
      <Card title={t("mailboxSettings.start.settingsTitle")}>
        <ul className="grid gap-2 sm:grid-cols-2">
          {SETTINGS.map((s) => (
            <li key={s.href}>
              <Link href={s.href} className="block rounded border border-slate-200 px-3 py-2 hover:bg-slate-50">
                <span className="font-medium text-brand-700">{t(`mailboxSettings.start.${s.key}`)}</span>
                <span className="block text-xs text-slate-500">{t(`mailboxSettings.start.${s.key}Hint`)}</span>
              </Link>
            </li>
          ))}
          {webmailUrl() && (
            <li>
              <WebmailLink
                address={mailbox.address}
                className="block rounded border border-slate-200 px-3 py-2 hover:bg-slate-50"
                label={
                  <>
                    <span className="font-medium text-brand-700">{t("mailboxSettings.start.webmail")}</span>
                    <span className="block text-xs text-slate-500">{t("mailboxSettings.start.webmailHint")}</span>
                  </>
                }
              />
            </li>
          )}
        </ul>
      </Card>
      <Card title={t("mailboxSettings.start.spamTitle")}>
        <p className="text-sm text-slate-700">{t(`mailboxSettings.start.spamState.${spamState}`)}</p>
      </Card>
      <ServerAddresses settings={await getServerSettings()} />
    </>
  );
}
