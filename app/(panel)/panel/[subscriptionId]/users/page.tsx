import { getTranslations } from "@/lib/i18n/translations";
import { panelLinks } from "@/components/panel/shared/links";
import { loadPanel, type SubscriptionParams } from "../panel-context";

/** "Benutzer": who logs in to this package. Kontor has one panel login per customer, the KSC account. */
export default async function PanelUsersPage({ params }: SubscriptionParams) {
  const { actor, sub, skin } = await loadPanel((await params).subscriptionId);
  const t = await getTranslations("panel");
  return (
    <skin.Page sub={sub} title={t("usersTitle")} crumbs={[{ href: panelLinks(sub.id).start, label: t("start") }, { label: t("users") }]}>
      <p className="mb-2 text-sm text-slate-600">{t("usersIntro")}</p>
      <p className="text-sm">
        <span className="font-medium">{actor.label}</span> – {t("usersOwner")}
      </p>
    </skin.Page>
  );
}
