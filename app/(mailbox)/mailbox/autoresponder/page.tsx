import { getTranslations } from "@/lib/i18n/translations";
import { AutoresponderForm } from "@/components/mailbox/autoresponder-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getOwnAutoresponder } from "@/lib/services/autoresponder/autoresponder";
import { setAutoresponderAction } from "../actions";

export default async function MailboxAutoresponderPage() {
  const actor = await requirePermission("mailbox.self");
  const t = await getTranslations("autoresponder");
  const values = await getOwnAutoresponder(actor);
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <Card title={values.enabled ? t("stateOn") : t("stateOff")}>
        <p className="mb-4 text-sm text-slate-700">{t("intro")}</p>
        <AutoresponderForm action={setAutoresponderAction} values={values} />
      </Card>
    </>
  );
}
