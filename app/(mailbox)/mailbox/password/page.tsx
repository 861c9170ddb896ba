import { getTranslations } from "@/lib/i18n/translations";
import { OwnPasswordForm } from "@/components/password/own-password-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getOwnMailbox } from "@/lib/services/mailboxes/get-own-mailbox";
import { changeMailboxPasswordAction } from "../actions";

export default async function MailboxPasswordPage() {
  const actor = await requirePermission("mailbox.self");
  const t = await getTranslations("mailboxSettings.password");
  const mailbox = await getOwnMailbox(actor);
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <Card title={mailbox.displayAddress}>
        <p className="mb-4 text-sm text-slate-700">{t("intro")}</p>
        <OwnPasswordForm action={changeMailboxPasswordAction} login={mailbox.address} />
      </Card>
    </>
  );
}
