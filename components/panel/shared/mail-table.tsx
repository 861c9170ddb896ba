import { aroundPlaceholder } from "@/lib/i18n/repeated-texts";
import { getTranslations } from "@/lib/i18n/translations";
import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { quotaUsageFormatter } from "@/components/mail/quota-usage";
import { nearQuota } from "@/lib/services/mail-usage/mail-usage";
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
  const formatTime = await getTimeFormatter();
  // "12,3 von 250 MB" from Dovecot's figures in mail_usage, "noch nicht gemessen" without them. Most
  // unmeasured addresses share a few quota values; each such text is formatted once.
  const usage = await quotaUsageFormatter();
  const unmeasured = new Map<number | null, string>();
  const usageText = (used: number | null, mb: number | null) => {
    if (used !== null) return usage(used, mb);
    if (!unmeasured.has(mb)) unmeasured.set(mb, usage(null, mb));
    return unmeasured.get(mb) as string;
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
      {/* Wider than a phone: the list scrolls sideways inside its box, the page does not. */}
      <div className="overflow-x-auto">
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
                services: m.services,
                quota: usageText(m.usedBytes, m.quotaMb),
                ...(nearQuota(m.usedBytes, m.quotaMb) ? { nearQuota: true } : {}),
                lastLogin: m.lastLogin ? formatTime(m.lastLogin) : t("neverLoggedIn"),
              }))}
              hrefBase={links.mailboxBase}
              labels={labels}
              selectId="mail-select"
              addressFirst={select.addressFirst}
            />
          </tbody>
        </table>
      </div>
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
