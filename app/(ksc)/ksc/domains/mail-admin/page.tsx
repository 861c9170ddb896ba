import { getTranslations } from "@/lib/i18n/translations";
import { LogoutButton } from "@/components/shell/logout-button";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getOwnCustomer } from "@/lib/services/customers/get-own-customer";

/**
 * Packages without a panel are managed in the E-Mail-Administration, which is a login of its own
 * (account `<customer number>.001`), not part of this session. This page names the account and
 * offers to log out so the customer can log in there.
 */
export default async function MailAdminHintPage() {
  const actor = await requirePermission("customer.self");
  const t = await getTranslations("domains");
  const customer = await getOwnCustomer(actor);
  const account = `${customer.customerNumber.toLowerCase()}.001`;
  return (
    <>
      <PageTitle>{t("mailAdmin")}</PageTitle>
      <Card title={t("mailAdmin")}>
        <p className="text-sm text-slate-700">{t("mailAdminBody", { account })}</p>
        <p className="mt-2 text-sm text-slate-700">{t("mailAdminForgot")}</p>
        <div className="mt-4 inline-block rounded bg-brand-700 p-1">
          <LogoutButton />
        </div>
      </Card>
    </>
  );
}
