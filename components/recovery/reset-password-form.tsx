"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { PasswordFields } from "@/components/password/password-fields";
import { FieldError } from "@/components/ui/field-error";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { buttonClass, fieldErrors, FormMessage, inputClass, submitWithoutReset } from "@/components/ui/form-bits";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

const STAMMDATEN = ["customerNumber", "company", "contactName", "street", "postalCode", "city", "phone", "contactEmail"] as const;

/** "Konto bearbeiten" after a confirmed link: Stammdaten for customers, the new password twice, "Speichern". */
export function ResetPasswordForm({ token, view, action }: { token: string; view: Record<string, string>; action: Action }) {
  const t = useTranslations("recovery");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrors(state);
  const hasStammdaten = STAMMDATEN.some((k) => `s_${k}` in view);

  if (state.status === "success") {
    return (
      <div className="space-y-4">
        <FormMessage state={state} />
        <Link href="/login" className={`block text-center ${buttonClass}`}>{t("toLogin")}</Link>
      </div>
    );
  }
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-5" noValidate>
      <h2 className="text-base font-semibold">{t("editAccount")}</h2>
      <FormMessage state={state} />
      <p className="text-sm">{t("account")}: <span className="font-mono">{view.account}</span></p>
      {hasStammdaten && (
        <section aria-label={t("stammdaten")} className="rounded border border-slate-200 p-3">
          <h3 className="mb-2 text-sm font-medium">{t("stammdaten")}</h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            {STAMMDATEN.filter((k) => view[`s_${k}`]).map((k) => (
              <div key={k} className="contents"><dt className="text-slate-500">{t(k)}</dt><dd>{view[`s_${k}`]}</dd></div>
            ))}
          </dl>
        </section>
      )}
      <input type="hidden" name="token" value={token} />
      <PasswordFields errors={errors} names={[view.account]} confirmLabel="repeatPassword" />
      {view.needsSecondFactor === "1" && (
        <div>
          <label htmlFor="second-factor" className="block text-sm font-medium">{t("secondFactor")}</label>
          <input id="second-factor" name="secondFactorCode" type="text" inputMode="numeric" autoComplete="one-time-code" className={inputClass}
            aria-invalid={!!errors.secondFactorCode} aria-describedby="second-factor-hint second-factor-error" />
          <p id="second-factor-hint" className="mt-1 text-xs text-slate-500">{t("secondFactorHint")}</p>
          <FieldError id="second-factor-error" messages={errors.secondFactorCode} />
        </div>
      )}
      <button type="submit" disabled={pending} className={`w-full ${buttonClass}`}>{pending ? t("saving") : t("save")}</button>
    </form>
  );
}
