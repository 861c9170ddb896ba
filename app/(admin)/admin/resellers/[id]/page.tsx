import { getTranslations } from "@/lib/i18n/translations";
import { ResellerForm } from "@/components/admin/reseller-form";
import { DeleteButton } from "@/components/reseller/delete-button";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { idParam, orNotFound } from "@/lib/not-found";
import { getResellerOrThrow } from "@/lib/services/resellers/get-reseller";
import { deleteResellerAction, updateResellerAction } from "../actions";

export default async function EditResellerPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("admin.manage");
  const id = idParam((await params).id);
  const reseller = await orNotFound(async () => await getResellerOrThrow(actor, id));
  const t = await getTranslations("adminArea");
  return (
    <>
      <PageTitle>{t("editTitle", { name: reseller.name })}</PageTitle>
      <Card title={t("resellersTitle")}>
        {reseller.login && (
          <p className="mb-4 text-sm text-slate-600">
            {t("login")}: <span className="font-mono">{reseller.login}</span> · {t("customers")}: {reseller.customerCount}
          </p>
        )}
        <ResellerForm action={updateResellerAction} reseller={reseller} />
      </Card>
      <Card title={t("deleteTitle")}>
        <p className="mb-3 text-sm text-slate-600">{t("deleteHint")}</p>
        <DeleteButton action={deleteResellerAction} fields={{ id: String(reseller.id) }} label={t("delete")} confirm={t("deleteConfirm")} />
      </Card>
    </>
  );
}
