import { getTranslations } from "@/lib/i18n/translations";
import { panelLinks } from "@/components/panel/shared/links";
import { ServerAddresses } from "@/components/ui/server-addresses";
import { getServerSettings } from "@/lib/services/settings/server-settings";
import { loadPanel, type SubscriptionParams } from "../panel-context";

/** The IMAP/SMTP addresses the success message after a password change links to. */
export default async function PanelServerPage({ params }: SubscriptionParams) {
  const { sub, skin } = await loadPanel((await params).subscriptionId);
  const t = await getTranslations("panel");
  return (
    <skin.Page
      sub={sub}
      title={t("serverAddresses")}
      crumbs={[{ href: panelLinks(sub.id).start, label: t("start") }, { label: t("serverAddresses") }]}
    >
      <ServerAddresses settings={await getServerSettings()} />
    </skin.Page>
  );
}
