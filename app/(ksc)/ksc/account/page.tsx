import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { getTranslations } from "@/lib/i18n/translations";
import { ReauthForm, StammdatenForm } from "@/components/recovery/account-forms";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getOwnCustomer } from "@/lib/services/customers/get-own-customer";
import { reauthValidUntil } from "@/lib/services/recovery/reauth";
import { reauthAction, updateStammdatenAction } from "./actions";
import { ClientMessages } from "@/components/i18n/client-messages";
import { PASSWORD_PAGE } from "@/lib/authz/navigation";

/** "Konto bearbeiten": the Stammdaten sit behind a fresh confirmation of the current password. */
export default async function AccountPage() {
  const actor = await requirePermission("customer.self");
  const t = await getTranslations("account");
  const formatTime = await getTimeFormatter();
  const validUntil = await reauthValidUntil(actor);
  if (!validUntil) {
    return (
      <ClientMessages area="(ksc)/account">
        <>
          <PageTitle>{t("title")}</PageTitle>
          <Card title={t("reauthTitle")}>
            <p className="mb-4 text-sm text-slate-700">{t("intro")}</p>
            <ReauthForm action={reauthAction} />
          </Card>
        </>
      </ClientMessages>
    );
  }
  const customer = await getOwnCustomer(actor);
  return (
    <ClientMessages area="(ksc)/account">
      <>
        <PageTitle>{t("title")}</PageTitle>
        <p role="status" className="text-sm text-slate-600">
          {t("reauthValid", { time: formatTime(validUntil, "time") })}
        </p>
        <Card title={t("stammdatenTitle")}>
          <StammdatenForm
            action={updateStammdatenAction}
            initial={{
              company: customer.company ?? "",
              contactName: customer.contactName,
              street: customer.street,
              postalCode: customer.postalCode,
              city: customer.city,
              phone: customer.phone,
              contactEmail: customer.contactEmail,
            }}
          />
        </Card>
        <Card title={t("passwordTitle")}>
          {/* One password page for every role (user menu, seed 004); this page keeps the Stammdaten. */}
          <p className="text-sm text-slate-700">
            {t("passwordElsewhere")}{" "}
            <a href={PASSWORD_PAGE.customer} className="text-brand-700 underline">
              {t("passwordTitle")}
            </a>
          </p>
        </Card>
      </>
    </ClientMessages>
  );
}
