"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { PasswordFields } from "@/components/password/password-fields";
import { FieldError } from "@/components/ui/field-error";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { cancelButton, fieldsetClass, inputClass, legendClass, okButton } from "./form-styles";
import { ErrorNotice } from "./notice";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  subscriptionId: number;
  domains: { id: number; displayName: string }[];
  packageMaxMb: number | null;
  cancelHref: string;
};

/** "Neue E-Mail-Adresse hinzufügen": mail name @ domain, password twice, quota. The action redirects on success. */
export function CreateMailboxForm({ action, subscriptionId, domains, packageMaxMb, cancelHref }: Props) {
  const t = useTranslations("panel");
  const id = useId();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [localPart, setLocalPart] = useState("");
  const [domainId, setDomainId] = useState(String(domains[0]?.id ?? ""));
  const [quota, setQuota] = useState("");
  const errors = state.status === "error" ? state.fieldErrors ?? {} : {};
  const domainName = domains.find((d) => String(d.id) === domainId)?.displayName ?? "";

  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.status === "error" && state.formError && <ErrorNotice>{state.formError}</ErrorNotice>}
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t("address")}</legend>
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor={`${id}-local`} className="block text-sm font-medium">{t("localPart")}</label>
            <input id={`${id}-local`} name="localPart" value={localPart} onChange={(e) => setLocalPart(e.target.value)} autoComplete="off"
              className={`${inputClass} w-56`} aria-invalid={!!errors.localPart} aria-describedby={`${id}-local-error`} />
          </div>
          <span className="pb-2">@</span>
          <div>
            <label htmlFor={`${id}-domain`} className="block text-sm font-medium">{t("domain")}</label>
            <select id={`${id}-domain`} name="domainId" value={domainId} onChange={(e) => setDomainId(e.target.value)} className={inputClass}>
              {domains.map((d) => <option key={d.id} value={d.id}>{d.displayName}</option>)}
            </select>
          </div>
        </div>
        <FieldError id={`${id}-local-error`} messages={[...(errors.localPart ?? []), ...(errors.domainId ?? [])]} />
        <PasswordFields errors={errors} names={localPart ? [`${localPart}@${domainName}`] : []} />
      </fieldset>
      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t("mailboxSection")}</legend>
        <label htmlFor={`${id}-quota`} className="block text-sm font-medium">{t("quota")}</label>
        <input id={`${id}-quota`} name="quotaMb" inputMode="numeric" value={quota} onChange={(e) => setQuota(e.target.value)}
          className={`${inputClass} max-w-40`} aria-invalid={!!errors.quotaMb} aria-describedby={`${id}-quota-hint ${id}-quota-error`} />
        <p id={`${id}-quota-hint`} className="text-xs text-slate-500">
          {packageMaxMb === null ? t("quotaHintUnlimited") : t("quotaHint", { max: packageMaxMb })}
        </p>
        <FieldError id={`${id}-quota-error`} messages={errors.quotaMb} />
      </fieldset>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={okButton}>{pending ? t("saving") : t("ok")}</button>
        <a href={cancelHref} className={cancelButton}>{t("cancel")}</a>
      </div>
    </form>
  );
}
