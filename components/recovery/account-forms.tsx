"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { PasswordFields } from "@/components/password/password-fields";
import { FieldError } from "@/components/ui/field-error";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { buttonClass, fieldErrors, FormMessage, inputClass, submitWithoutReset } from "@/components/ui/form-bits";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function ReauthForm({ action }: { action: Action }) {
  const t = useTranslations("account");
  const tp = useTranslations("password");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrors(state);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="max-w-md space-y-4" noValidate>
      <FormMessage state={state.status === "error" && errors.currentPassword ? IDLE : state} />
      <div>
        <label htmlFor="currentPassword" className="block text-sm font-medium">{tp("currentPassword")}</label>
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" className={inputClass}
          aria-invalid={!!errors.currentPassword} aria-describedby="currentPassword-error" />
        <FieldError id="currentPassword-error" messages={errors.currentPassword} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>{t("reauthSubmit")}</button>
    </form>
  );
}

const FIELDS = [
  ["company", "organization"], ["contactName", "name"], ["street", "street-address"], ["postalCode", "postal-code"],
  ["city", "address-level2"], ["phone", "tel"], ["contactEmail", "email"],
] as const;
type Field = (typeof FIELDS)[number][0];

/** Stammdaten and contact address; the contact address is where recovery links and notices go. */
export function StammdatenForm({ action, initial }: { action: Action; initial: Record<Field, string> }) {
  const t = useTranslations("recovery");
  const ta = useTranslations("account");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [values, setValues] = useState(initial);
  const errors = fieldErrors(state);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="max-w-xl space-y-4" noValidate>
      <FormMessage state={state} />
      {FIELDS.map(([name, autoComplete]) => (
        <div key={name}>
          <label htmlFor={name} className="block text-sm font-medium">{t(name)}</label>
          <input id={name} name={name} type={name === "contactEmail" ? "email" : "text"} autoComplete={autoComplete} value={values[name]}
            onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))} className={inputClass}
            aria-invalid={!!errors[name]} aria-describedby={`${name}-error`} />
          <FieldError id={`${name}-error`} messages={errors[name]} />
        </div>
      ))}
      <button type="submit" disabled={pending} className={buttonClass}>{ta("save")}</button>
    </form>
  );
}

export function AccountPasswordForm({ action, names }: { action: Action; names: string[] }) {
  const t = useTranslations("account");
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="max-w-md space-y-4" noValidate>
      <FormMessage state={state} />
      <PasswordFields errors={fieldErrors(state)} names={names} confirmLabel="repeatPassword" />
      <button type="submit" disabled={pending} className={buttonClass}>{t("save")}</button>
    </form>
  );
}
