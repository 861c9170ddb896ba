import Link from "next/link";
import { getTranslations } from "@/lib/i18n/translations";
import { panelLinks } from "@/components/panel/shared/links";
import { mailboxUsageText } from "@/components/panel/shared/usage";
import { loadPanel, type SubscriptionParams } from "../panel-context";

/** "Konto": the package, its limits and what is in use. */
export default async function PanelAccountPage({ params }: SubscriptionParams) {
  const { sub, skin } = await loadPanel((await params).subscriptionId);
  const t = await getTranslations("panel");
  const links = panelLinks(sub.id);
  const limit = (v: number | null, unit = "") => (v === null ? t("unlimited") : `${v}${unit}`);
  const rows: [string, string][] = [
    [t("limitMailboxes"), mailboxUsageText(t, sub)],
    [t("limitQuota"), limit(sub.limits.mailboxQuotaMb, " MB")],
    [t("limitForwards"), limit(sub.limits.maxForwards)],
    [t("featureSpam"), sub.features.spamFilter ? t("available") : t("notAvailable")],
    [t("featureForwarding"), sub.features.forwarding ? t("available") : t("notAvailable")],
  ];
  return (
    <skin.Page sub={sub} title={t("accountTitle")} crumbs={[{ href: links.start, label: t("start") }, { label: t("account") }]}>
      <h2 className="mb-2 font-semibold">{t("package", { name: sub.packageName })}</h2>
      <dl className="grid grid-cols-[12rem_1fr] gap-y-1.5 text-[13px]">
        {rows.map(([k, v]) => [
          <dt key={`${k}-k`} className="text-slate-600">
            {k}
          </dt>,
          <dd key={`${k}-v`}>{v}</dd>,
        ])}
      </dl>
      <p className="mt-4 text-sm">
        <Link href={links.server} className="underline">
          {t("serverAddresses")}
        </Link>
      </p>
    </skin.Page>
  );
}
