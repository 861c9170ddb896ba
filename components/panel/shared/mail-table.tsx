import { aroundPlaceholder } from "@/lib/i18n/repeated-texts";
import { getTranslations } from "@/lib/i18n/translations";
import { getLocale } from "next-intl/server";
import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { formatMegabytes, nearQuota } from "@/lib/services/mail-usage/mail-usage";
import type { PanelSubscription } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { PanelIcon } from "./icons";
import { panelLinks } from "./links";
import { MailRows } from "./mail-rows";
import { serviceLabels } from "./service-labels";
import type { MailList } from "./skin-types";

/**
 * Skin classes. `rows` and `links` style the tbody's rows and links from the tbody itself (Tailwind's
 * `*:` and `[&_a]:` variants) so fifty rows do not each repeat them in the HTML and the RSC payload.
 */
type Tone = { head: string; rows: string; links: string; link: string; button: string };

/**
 * The address list both skins show: a tick box per address for "Auswahl entfernen" (which opens the
 * confirmation page), the address as a link to its page, the service icons and the quota. Rows use
 * plain links: next/link would prefetch all fifty address pages as soon as the list is visible.
 */
export async function MailTable({ sub, list, tone }: { sub: PanelSubscription; list: MailList; tone: Tone }) {
  const t = await getTranslations("panel");
  const labels = await serviceLabels();
  const links = panelLinks(sub.id);
  // Each tick box is named like "<address> auswählen" by pointing at its link and one shared word, in
  // the order the language's message puts them, instead of formatting that text for every row.
  const around = aroundPlaceholder(t.raw("selectAddress") as string, "{address}");
  const select = { word: around.before || around.after, addressFirst: !around.before };
  // Most addresses share a few quota values; each is formatted once.
  const quotaTexts = new Map<number | null, string>();
  const quotaText = (mb: number | null) => {
    if (!quotaTexts.has(mb)) quotaTexts.set(mb, mb === null ? t("unlimited") : t("quotaValue", { mb }));
    return quotaTexts.get(mb) as string;
  };
  const locale = await getLocale();
  const formatTime = await getTimeFormatter();
  // "12,3 von 250 MB": used (from Dovecot's figures in mail_usage) and the limit; only the limit when
  // Dovecot has not reported the mailbox yet.
  const usageText = (used: number | null, mb: number | null) => {
    if (used === null) return quotaText(mb);
    const usedMb = formatMegabytes(used, locale);
    return mb === null ? t("usageUnlimited", { used: usedMb }) : t("usageOf", { used: usedMb, mb });
  };
  if (!list.items.length) return <p className="text-sm text-slate-600">{t("noAddresses")}</p>;
  return (
    <form action={links.deleteMailboxes} method="get">
      <div className="mb-2">
        <button type="submit" className={`inline-flex items-center gap-1 ${tone.button}`}>
          <PanelIcon name="remove" size={14} />
          {t("removeSelected")}
        </button>
      </div>
      <span id="mail-select" hidden>
        {select.word}
      </span>
      <table className="w-full text-left text-[13px] [&_td]:px-2 [&_td]:py-1.5 [&_th]:px-2 [&_th]:py-1.5">
        <thead className={tone.head}>
          <tr>
            <th className="w-8">
              <span className="sr-only">{t("removeSelected")}</span>
            </th>
            <th>{t("address")}</th>
            <th>{t("servicesColumn")}</th>
            <th>{t("quotaUsage")}</th>
            <th>{t("lastLogin")}</th>
          </tr>
        </thead>
        <tbody className={`${tone.rows} ${tone.links}`}>
          <MailRows
            rows={list.items.map((m) => ({
              id: m.id,
              address: m.displayAddress,
              href: links.mailbox(m.id),
              services: m.services,
              quota: usageText(m.usedBytes, m.quotaMb),
              nearQuota: nearQuota(m.usedBytes, m.quotaMb),
              lastLogin: m.lastLogin ? formatTime(m.lastLogin) : t("neverLoggedIn"),
            }))}
            labels={labels}
            selectId="mail-select"
            addressFirst={select.addressFirst}
          />
        </tbody>
      </table>
      {list.nextCursor && (
        <p className="mt-2 text-right">
          <a href={`${links.mail}?after=${encodeURIComponent(list.nextCursor)}`} className={tone.link}>
            {t("moreAddresses")} ›
          </a>
        </p>
      )}
    </form>
  );
}
