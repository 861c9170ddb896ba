import { AliasSection } from "@/components/aliases/alias-section";
import { ClientMessages } from "@/components/i18n/client-messages";
import { panelLinks } from "@/components/panel/shared/links";
import { getTranslations } from "@/lib/i18n/translations";
import { listAliases, listCatchAlls } from "@/lib/services/aliases/list-aliases";
import { deleteAliasAction, saveAliasAction, setCatchAllAction } from "../actions";
import { loadPanel, type SubscriptionParams } from "../../panel-context";

/** Every alias of the subscription's domains and each domain's catch-all, reached from the address list. */
export default async function AliasesPage({ params }: SubscriptionParams) {
  const { subscriptionId } = await params;
  const { actor, sub, skin } = await loadPanel(subscriptionId);
  const t = await getTranslations("panel");
  const ta = await getTranslations("aliases");
  const links = panelLinks(sub.id);
  return (
    <ClientMessages area="(panel)/aliases">
      <skin.Page
        sub={sub}
        title={ta("manage")}
        crumbs={[{ href: links.start, label: t("start") }, { href: links.mail, label: t("email") }, { label: ta("manage") }]}
      >
        <AliasSection
          aliases={await listAliases(actor, sub.id)}
          domains={sub.domains}
          subscriptionId={sub.id}
          catchAlls={await listCatchAlls(actor, sub.id)}
          maxAliases={sub.limits.maxAliases}
          actions={{ save: saveAliasAction, remove: deleteAliasAction, catchAll: setCatchAllAction }}
        />
      </skin.Page>
    </ClientMessages>
  );
}
