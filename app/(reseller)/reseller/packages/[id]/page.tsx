import { getTranslations } from "@/lib/i18n/translations";
import { DeleteButton } from "@/components/reseller/delete-button";
import { PackageForm } from "@/components/reseller/package-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { idParam, orNotFound } from "@/lib/not-found";
import { getPackageOrThrow } from "@/lib/services/packages/get-package";
import { deletePackageAction, updatePackageAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function EditPackagePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("reseller.manage");
  const id = idParam((await params).id);
  const pkg = await orNotFound(async () => await getPackageOrThrow(actor, id));
  const t = await getTranslations("tariffs");
  return (
    <ClientMessages area="(reseller)/packages">
      <>
        <PageTitle>{pkg.name}</PageTitle>
        <Card title={t("formTitle")}>
          <PackageForm action={updatePackageAction} pkg={pkg} />
        </Card>
        <Card title={t("deleteTitle")}>
          <p className="mb-3 text-sm text-slate-600">{t("deleteHint")}</p>
          <DeleteButton action={deletePackageAction} fields={{ id: String(pkg.id) }} label={t("delete")} confirm={t("deleteConfirm")} />
        </Card>
      </>
    </ClientMessages>
  );
}
