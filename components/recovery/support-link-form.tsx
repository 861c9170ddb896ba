"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { buttonClass, fieldErrors, FormMessage, inputClass, submitWithoutReset } from "@/components/ui/form-bits";

type Props = { action: (state: ActionState, formData: FormData) => Promise<ActionState> };

const KINDS = [["user", "kindUser"], ["mail_account", "kindMailAccount"], ["mailbox", "kindMailbox"]] as const;

/** Support: which account, to the address on file or (identity checked) a new one, and why. */
export function SupportLinkForm({ action }: Props) {
  const t = useTranslations("supportRecovery");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [values, setValues] = useState({ kind: "user", identifier: "", recipient: "contact", newAddress: "", reason: "" });
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const errors = fieldErrors(state);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="max-w-xl space-y-5" noValidate>
      <FormMessage state={state} />
      <fieldset>
        <legend className="text-sm font-medium">{t("accountKind")}</legend>
        {KINDS.map(([kind, label]) => (
          <label key={kind} className="mt-1 flex items-center gap-2 text-sm">
            <input type="radio" name="kind" value={kind} checked={values.kind === kind} onChange={set("kind")} /> {t(label)}
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor="identifier" className="block text-sm font-medium">{t("identifier")}</label>
        <input id="identifier" name="identifier" value={values.identifier} onChange={set("identifier")} className={inputClass}
          aria-invalid={!!errors.identifier} aria-describedby="identifier-error" />
        <FieldError id="identifier-error" messages={errors.identifier} />
      </div>
      <fieldset aria-describedby="recipient-error">
        <legend className="text-sm font-medium">{t("recipient")}</legend>
        {(["contact", "new"] as const).map((r) => (
          <label key={r} className="mt-1 flex items-center gap-2 text-sm">
            <input type="radio" name="recipient" value={r} checked={values.recipient === r} onChange={set("recipient")} />
            {r === "contact" ? t("toContact") : t("toNew")}
          </label>
        ))}
        <FieldError id="recipient-error" messages={errors.recipient} />
      </fieldset>
      {values.recipient === "new" && (
        <div>
          <label htmlFor="newAddress" className="block text-sm font-medium">{t("newAddress")}</label>
          <input id="newAddress" name="newAddress" type="email" value={values.newAddress} onChange={set("newAddress")} className={inputClass}
            aria-invalid={!!errors.newAddress} aria-describedby="newAddress-error" />
          <FieldError id="newAddress-error" messages={errors.newAddress} />
        </div>
      )}
      <div>
        <label htmlFor="reason" className="block text-sm font-medium">{t("reason")}</label>
        <textarea id="reason" name="reason" rows={3} value={values.reason} onChange={set("reason")} className={inputClass}
          aria-invalid={!!errors.reason} aria-describedby="reason-hint reason-error" />
        <p id="reason-hint" className="mt-1 text-xs text-slate-500">{t("reasonHint")}</p>
        <FieldError id="reason-error" messages={errors.reason} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>{t("submit")}</button>
    </form>
  );
}
