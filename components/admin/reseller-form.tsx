"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, fieldErrorsOf, FormMessage, OneTimeSecret, TextField, submitWithoutReset } from "@/components/reseller/form-bits";
import { type ActionState, IDLE } from "@/lib/actions/action-state";

/** New reseller: name, customer number range and login; the generated password is shown once. */
export function ResellerForm({ action }: { action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const t = useTranslations("adminArea");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrorsOf(state);
  const created = state.status === "success" ? state.data : undefined;
  return (
    <div className="space-y-4">
      {created && <OneTimeSecret title={t("resellerLogin")} login={created.login} secret={created.password} />}
      <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-4" noValidate>
        <FormMessage state={state} />
        <TextField name="name" label={t("name")} errors={errors} required />
        <TextField name="customerNumberBase" label={t("customerNumberBase")} errors={errors} inputMode="numeric" hint={t("customerNumberBaseHint")} required />
        <TextField name="email" label={t("loginEmail")} errors={errors} type="email" required />
        <button type="submit" disabled={pending} className={buttonClass}>{t("createReseller")}</button>
      </form>
    </div>
  );
}
