import { getTranslations } from "@/lib/i18n/translations";
import { MailboxRecoveryForm } from "@/components/recovery/mailbox-recovery-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getOwnRecoveryEmail } from "@/lib/services/recovery/mailbox-recovery";
import { displayAddress } from "@/lib/validation/names";
import { setRecoveryEmailAction } from "./actions";

export default async function MailboxRecoveryPage() {
  const actor = await requirePermission("mailbox.self");
  const t = await getTranslations("mailboxRecovery");
  const current = await getOwnRecoveryEmail(actor);
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <Card title={t("title")}>
        <p className="mb-2 text-sm text-slate-700">{t("intro")}</p>
        <p className="mb-4 text-sm">{current ? t("current", { address: displayAddress(current) }) : t("none")}</p>
        <MailboxRecoveryForm action={setRecoveryEmailAction} current={current ? displayAddress(current) : ""} />
      </Card>
    </>
  );
}
