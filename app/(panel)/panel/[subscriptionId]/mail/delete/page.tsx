import Link from "next/link";
import { getTranslations } from "@/lib/i18n/translations";
import { DeleteMailboxesForm } from "@/components/panel/shared/delete-mailboxes-form";
import { panelLinks } from "@/components/panel/shared/links";
import { getPanelMailbox } from "@/lib/services/mailboxes/get-panel-mailbox";
import { deleteMailboxesAction } from "../actions";
import { idParam as parseId, orNotFound } from "@/lib/not-found";
import { loadPanel, type SubscriptionParams } from "../../panel-context";
import { ClientMessages } from "@/components/i18n/client-messages";

type Props = SubscriptionParams & { searchParams: Promise<{ ids?: string | string[] }> };

/** Confirmation page of "Auswahl entfernen"; every selected id must be one of this subscription's mailboxes. */
export default async function DeleteMailboxesPage({ params, searchParams }: Props) {
  const { actor, sub, skin } = await loadPanel((await params).subscriptionId);
  const t = await getTranslations("panel");
  const links = panelLinks(sub.id);
  const raw = (await searchParams).ids;
  const ids = [...new Set((Array.isArray(raw) ? raw : raw ? [raw] : []).slice(0, 500).map(parseId))];
  const mailboxes = await Promise.all(ids.map((id) => orNotFound(async () => await getPanelMailbox(actor, sub.id, id))));
  return (
    <ClientMessages area="(panel)/forms">
      <skin.Page
        sub={sub}
        title={t("deleteTitle")}
        crumbs={[{ href: links.start, label: t("start") }, { href: links.mail, label: t("email") }, { label: t("deleteTitle") }]}
      >
        {mailboxes.length ? (
          <DeleteMailboxesForm
            action={deleteMailboxesAction}
            subscriptionId={sub.id}
            cancelHref={links.mail}
            mailboxes={mailboxes.map((m) => ({ id: m.id, displayAddress: m.displayAddress }))}
          />
        ) : (
          <p className="text-sm">
            {t("nothingSelected")}{" "}
            <Link href={links.mail} className="underline">
              {t("backToList")}
            </Link>
          </p>
        )}
      </skin.Page>
    </ClientMessages>
  );
}
