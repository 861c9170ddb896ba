import { getTranslations } from "@/lib/i18n/translations";
import { CustomerForm } from "@/components/reseller/customer-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { createCustomerAction } from "../actions";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function NewCustomerPage() {
  await requirePermission("reseller.manage");
  const t = await getTranslations("customersAdmin");
  return (
    <ClientMessages area="(reseller)/customers">
      <>
        <PageTitle>{t("new")}</PageTitle>
        <Card title={t("stammdaten")}>
          <CustomerForm action={createCustomerAction} />
        </Card>
      </>
    </ClientMessages>
  );
}
