import { getTranslations } from "@/lib/i18n/translations";
import { SpamForm } from "@/components/mailbox/spam-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getOwnSpamSettings } from "@/lib/services/mailbox-settings/spam";
import { setSpamSettingsAction } from "../actions";

export default async function MailboxSpamPage() {
  const actor = await requirePermission("mailbox.self");
  const t = await getTranslations("mailboxSettings.spam");
  const spam = await getOwnSpamSettings(actor);
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <Card title={t("cardTitle")}>
        <p className="mb-4 text-sm text-slate-700">{t("intro")}</p>
        {spam.available ? (
          <SpamForm action={setSpamSettingsAction} enabled={spam.enabled} level={spam.level} spamAction={spam.action} />
        ) : (
          <p role="note" className="rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
            {t("disabled")}
          </p>
        )}
      </Card>
    </>
  );
}
