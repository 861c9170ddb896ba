import { getTranslations } from "@/lib/i18n/translations";
import { SupportLinkForm } from "@/components/recovery/support-link-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { sendRecoveryLinkAction } from "./actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function SupportRecoveryPage() {
  await requirePermission("support.recovery");
  const t = await getTranslations("supportRecovery");
  return (
    <ClientMessages area="(support)/recovery">
      <>
        <PageTitle>{t("title")}</PageTitle>
        <Card title={t("title")}>
          <p className="mb-4 text-sm text-slate-700">{t("intro")}</p>
          <SupportLinkForm action={sendRecoveryLinkAction} />
        </Card>
      </>
    </ClientMessages>
  );
}
