import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { PanelSubscription } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { PanelIcon } from "./icons";
import { panelLinks } from "./links";
import { ServiceIcons } from "./service-icons";
import type { MailList } from "./skin-types";

type Tone = { head: string; row: string; link: string; button: string };

/**
 * The address list both skins show: a tick box per address for "Auswahl entfernen" (which opens the
 * confirmation page), the address as a link to its page, the service icons and the quota.
 */
export async function MailTable({ sub, list, tone }: { sub: PanelSubscription; list: MailList; tone: Tone }) {
  const t = await getTranslations("panel");
  const links = panelLinks(sub.id);
  if (!list.items.length) return <p className="text-sm text-slate-600">{t("noAddresses")}</p>;
  return (
    <form action={links.deleteMailboxes} method="get">
      <div className="mb-2">
        <button type="submit" className={`inline-flex items-center gap-1 ${tone.button}`}>
          <PanelIcon name="remove" size={14} />{t("removeSelected")}
        </button>
      </div>
      <table className="w-full text-left text-[13px]">
        <thead className={tone.head}>
          <tr>
            <th className="w-8 px-2 py-1.5"><span className="sr-only">{t("removeSelected")}</span></th>
            <th className="px-2 py-1.5">{t("address")}</th>
            <th className="px-2 py-1.5">{t("servicesColumn")}</th>
            <th className="px-2 py-1.5">{t("quota")}</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((m) => (
            <tr key={m.id} className={tone.row}>
              <td className="px-2 py-1.5">
                <input type="checkbox" name="ids" value={m.id} aria-label={t("selectAddress", { address: m.displayAddress })} />
              </td>
              <td className="px-2 py-1.5"><Link href={links.mailbox(m.id)} className={tone.link}>{m.displayAddress}</Link></td>
              <td className="px-2 py-1.5"><ServiceIcons services={m.services} /></td>
              <td className="px-2 py-1.5">{m.quotaMb === null ? t("unlimited") : t("quotaValue", { mb: m.quotaMb })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.nextCursor && (
        <p className="mt-2 text-right">
          <Link href={`${links.mail}?after=${encodeURIComponent(list.nextCursor)}`} className={tone.link}>{t("moreAddresses")} ›</Link>
        </p>
      )}
    </form>
  );
}
