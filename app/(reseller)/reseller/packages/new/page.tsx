import { getTranslations } from "@/lib/i18n/translations";
import { PackageForm } from "@/components/reseller/package-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { createPackageAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function NewPackagePage() {
  await requirePermission("reseller.manage");
  const t = await getTranslations("tariffs");
  return (
    <ClientMessages area="(reseller)/packages">
      <>
        <PageTitle>{t("new")}</PageTitle>
        <Card title={t("formTitle")}>
          <PackageForm action={createPackageAction} />
        </Card>
      </>
    </ClientMessages>
  );
}
