import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { getTranslations } from "@/lib/i18n/translations";
import { Card, PageTitle } from "@/components/ui/card";
import { listFactors } from "@/lib/auth/mfa/factors";
import type { Actor } from "@/lib/authz/actor";
import {
  confirmTotpAction,
  finishKeyAction,
  keyOptionsAction,
  regenerateCodesAction,
  removeFactorAction,
  startTotpAction,
} from "./actions";
import { KeySetup } from "./key-setup";
import { PasswordConfirmForm } from "./password-confirm-form";
import { TotpSetup } from "./totp-setup";

/** The "Sicherheit" page of every KundenServiceCenter area: the account's second factors. */
export async function SecurityPanel({ actor }: { actor: Actor }) {
  const t = await getTranslations("mfa");
  const formatTime = await getTimeFormatter();
  const { factors, recoveryCodesLeft } = await listFactors(actor.id);
  const date = (d: Date) => formatTime(d);
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <Card title={t("factorsTitle")}>
        {factors.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noFactors")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {factors.map((f) => {
              const kind = t(f.kind === "totp" ? "kindTotp" : "kindKey");
              // A factor named after its kind ("Authenticator-App") would say it twice.
              const named = f.label.trim().toLowerCase() !== kind.toLowerCase();
              return (
                <li key={f.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                  <div className="text-sm">
                    <p className="font-medium">{f.label}</p>
                    <p className="text-slate-500">
                      {named && <>{kind} · </>}
                      {t("addedOn", { date: date(f.createdAt) })}
                      {f.lastUsedAt && <> · {t("lastUsed", { date: date(f.lastUsedAt) })}</>}
                    </p>
                  </div>
                  <PasswordConfirmForm action={removeFactorAction} submitLabel={t("remove")} hidden={{ factorId: String(f.id) }} />
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      <Card title={t("totpTitle")}>
        <TotpSetup start={startTotpAction} confirm={confirmTotpAction} needsPassword={factors.length > 0} />
      </Card>
      <Card title={t("keyTitle")}>
        <KeySetup options={keyOptionsAction} finish={finishKeyAction} needsPassword={factors.length > 0} />
      </Card>
      {factors.length > 0 && (
        <Card title={t("codesSectionTitle")}>
          <p className="mb-3 text-sm text-slate-600">{t("codesLeft", { count: recoveryCodesLeft })}</p>
          <PasswordConfirmForm action={regenerateCodesAction} submitLabel={t("codesRenew")} />
        </Card>
      )}
    </>
  );
}
