import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { getTranslations } from "@/lib/i18n/translations";
import { ConfirmStammdatenForm } from "@/components/support/confirm-stammdaten-form";
import { DefinitionList } from "@/components/support/definition-list";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getOwnCustomer } from "@/lib/services/customers/get-own-customer";
import { getStammdatenConfirmedAt } from "@/lib/services/support/stammdaten";
import { confirmStammdatenAction } from "./actions";
import { ClientMessages } from "@/components/i18n/client-messages";

/** The customer's Stammdaten, read-only here; confirming them opens the SupportCenter. */
export default async function StammdatenPage() {
  const actor = await requirePermission("customer.self");
  const t = await getTranslations("stammdaten");
  const formatTime = await getTimeFormatter();
  const c = await getOwnCustomer(actor);
  const confirmedAt = await getStammdatenConfirmedAt(actor);
  return (
    <ClientMessages area="(ksc)/stammdaten">
      <>
        <PageTitle>{t("title")}</PageTitle>
        <Card title={t("cardTitle")}>
          <DefinitionList
            rows={[
              [
                t("customerNumber"),
                <span key="n" className="font-mono">
                  {c.customerNumber}
                </span>,
              ],
              [t("company"), c.company ?? "—"],
              [t("contactName"), c.contactName],
              [t("street"), c.street || "—"],
              [t("city"), `${c.postalCode} ${c.city}`.trim() || "—"],
              [t("phone"), c.phone || "—"],
              [t("contactEmail"), c.contactEmail],
            ]}
          />
          <p className="mt-4 text-sm text-slate-600">{t("editHint")}</p>
        </Card>
        <Card title={t("confirmTitle")}>
          <p className="mb-3 text-sm text-slate-600">
            {confirmedAt ? t("confirmedAt", { date: formatTime(confirmedAt) }) : t("neverConfirmed")}
          </p>
          <ConfirmStammdatenForm action={confirmStammdatenAction} />
        </Card>
      </>
    </ClientMessages>
  );
}
