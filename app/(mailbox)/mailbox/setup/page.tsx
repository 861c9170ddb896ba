import { getTranslations } from "@/lib/i18n/translations";
import { ClientSetupCards } from "@/components/mailbox/client-setup-cards";
import { PageTitle } from "@/components/ui/card";
import { ServerAddresses } from "@/components/ui/server-addresses";
import { requirePermission } from "@/lib/auth/session";
import { getOwnMailbox } from "@/lib/services/mailboxes/get-own-mailbox";
import { getServerSettings } from "@/lib/services/settings/server-settings";

/**
 * Shown after a password change (what to update where) and linked from "Serveradressen" (how to set up
 * a program); the wording follows how the page was reached.
 */
export default async function MailboxSetupPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const actor = await requirePermission("mailbox.self");
  const t = await getTranslations("clientSetup");
  const { changed } = await searchParams;
  const mailbox = await getOwnMailbox(actor);
  const settings = await getServerSettings();
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      {changed === "1" && (
        <div role="status" className="rounded border border-green-200 bg-green-50 px-4 py-3 text-green-900">
          <p className="font-medium">{t("changedTitle")}</p>
          <p className="text-sm">{t("changedText")}</p>
        </div>
      )}
      <ClientSetupCards
        address={mailbox.address}
        displayAddress={mailbox.displayAddress}
        settings={settings}
        reason={changed === "1" ? "passwordChanged" : "setup"}
      />
      <ServerAddresses settings={settings} />
    </>
  );
}
