"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { PasswordFields } from "@/components/password/password-fields";
import { FieldError } from "@/components/ui/field-error";
import { buttonClass, fieldErrorsOf, FormMessage, inputClass, SelectField, TextField, submitWithoutReset } from "@/components/reseller/form-bits";
import { type ActionState, IDLE } from "@/lib/actions/action-state";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;

/** "Neues Mail-Konto": the next number is assigned by the server; quota and password are chosen here. */
export function CreateAccountForm({ action, nextLogin, defaultQuota }: { action: Action; nextLogin: string; defaultQuota: number | null }) {
  const t = useTranslations("mailAdmin");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrorsOf(state);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-4" noValidate key={state.status === "success" ? state.message : "form"}>
      <FormMessage state={state} />
      <p className="text-sm text-slate-600">{t("nextAccount", { login: nextLogin })}</p>
      <TextField name="quotaMb" label={t("quotaMb")} errors={errors} defaultValue={defaultQuota} inputMode="numeric" hint={t("quotaHint")} />
      <PasswordFields errors={errors} names={[nextLogin]} />
      <button type="submit" disabled={pending} className={buttonClass}>{t("createAccount")}</button>
    </form>
  );
}

type Option = { value: string; label: string };

export function RouteAddressForm({ action, accounts, domains }: { action: Action; accounts: Option[]; domains: Option[] }) {
  const t = useTranslations("mailAdmin");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrorsOf(state);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField name="localPart" label={t("localPart")} errors={errors} />
        <SelectField name="domainId" label={t("domain")} errors={errors} options={domains} />
        <SelectField name="accountId" label={t("toAccount")} errors={errors} options={accounts} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>{t("route")}</button>
    </form>
  );
}

/** Setting an account's password; for the administrator's own account the current one is asked too. */
export function AccountPasswordForm({ action, accountId, login, own }: { action: Action; accountId: number; login: string; own: boolean }) {
  const t = useTranslations("mailAdmin");
  const tp = useTranslations("password");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrorsOf(state);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-4" noValidate key={state.status === "success" ? "done" : "form"}>
      <FormMessage state={state} />
      <input type="hidden" name="accountId" value={accountId} />
      {own && (
        <div>
          <input type="text" value={login} autoComplete="username" readOnly hidden />
          <label htmlFor="currentPassword" className="block text-sm font-medium">{tp("currentPassword")}</label>
          <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" className={inputClass}
            aria-invalid={!!errors.currentPassword} aria-describedby="currentPassword-error" />
          <FieldError id="currentPassword-error" messages={errors.currentPassword} />
        </div>
      )}
      <PasswordFields errors={errors} names={[login]} />
      <button type="submit" disabled={pending} className={buttonClass}>{t("setPassword")}</button>
    </form>
  );
}

export function QuotaForm({ action, accountId, quotaMb }: { action: Action; accountId: number; quotaMb: number | null }) {
  const t = useTranslations("mailAdmin");
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-4" noValidate>
      <FormMessage state={state} generalFields={["form"]} />
      <input type="hidden" name="accountId" value={accountId} />
      <TextField name="quotaMb" label={t("quotaMb")} errors={fieldErrorsOf(state)} defaultValue={quotaMb} inputMode="numeric" hint={t("quotaHint")} />
      <button type="submit" disabled={pending} className={buttonClass}>{t("saveQuota")}</button>
    </form>
  );
}
