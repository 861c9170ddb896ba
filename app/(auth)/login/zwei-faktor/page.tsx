import { getTranslations } from "@/lib/i18n/translations";
import { redirect } from "next/navigation";
import { confirmTotpAction, finishKeyAction, keyOptionsAction, startTotpAction } from "@/components/mfa/actions";
import { KeySetup } from "@/components/mfa/key-setup";
import { TotpSetup } from "@/components/mfa/totp-setup";
import { LogoutButton } from "@/components/shell/logout-button";
import { mustEnrol } from "@/lib/auth/mfa/enrolment";
import { homeFor, requirePermission } from "@/lib/auth/session";

/**
 * Where staff without a second factor land (see requireEnrolledActor). It sits outside their area's
 * layout, which would send them here again; once a factor exists it forwards to the area.
 */
export default async function EnrolSecondFactorPage() {
  // mfa.self: the roles that log in with a second factor (staff and customers); others get 404.
  const actor = await requirePermission("mfa.self");
  if (!(await mustEnrol(actor))) redirect(homeFor(actor));
  const t = await getTranslations("mfa");
  // Shown with the recovery codes once a factor is active, so the codes are seen before leaving.
  const next = { href: homeFor(actor), label: t("enrolContinue") };
  return (
    <>
      <div className="flex items-center justify-between rounded-t-lg bg-brand-600 px-6 py-4 text-white">
        <h1 className="text-lg font-semibold">{t("enrolTitle")}</h1>
        <LogoutButton />
      </div>
      <div className="space-y-6 p-6">
        <p className="text-sm text-slate-600">{t("enrolIntro", { name: actor.label })}</p>
        <section className="space-y-3">
          <h2 className="font-semibold">{t("totpTitle")}</h2>
          <TotpSetup start={startTotpAction} confirm={confirmTotpAction} refresh={false} next={next} />
        </section>
        <section className="space-y-3 border-t border-slate-200 pt-5">
          <h2 className="font-semibold">{t("keyTitle")}</h2>
          <KeySetup options={keyOptionsAction} finish={finishKeyAction} refresh={false} next={next} />
        </section>
      </div>
    </>
  );
}
