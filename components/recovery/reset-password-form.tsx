"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { PasswordFields } from "@/components/form/password-fields";
import { buttonClass } from "@/components/form/styles";
import { type FormAction, useForm } from "@/components/form/use-form";

const STAMMDATEN = ["customerNumber", "company", "contactName", "street", "postalCode", "city", "phone", "contactEmail"] as const;

/** "Konto bearbeiten" after a confirmed link: Stammdaten for customers, the new password twice, "Speichern". */
export function ResetPasswordForm({ token, view, action }: { token: string; view: Record<string, string>; action: FormAction }) {
  const t = useTranslations("recovery");
  const form = useForm(action);
  const hasStammdaten = STAMMDATEN.some((k) => `s_${k}` in view);

  if (form.state.status === "success") {
    return (
      <div className="space-y-4">
        <FormMessage state={form.state} />
        <Link href="/login" className={`block text-center ${buttonClass}`}>
          {t("toLogin")}
        </Link>
      </div>
    );
  }
  return (
    <Form form={form} className="space-y-5">
      <h2 className="text-base font-semibold">{t("editAccount")}</h2>
      <FormMessage state={form.state} />
      <p className="text-sm">
        {t("account")}: <span className="font-mono">{view.account}</span>
      </p>
      {hasStammdaten && (
        <section aria-label={t("stammdaten")} className="rounded border border-slate-200 p-3">
          <h3 className="mb-2 text-sm font-medium">{t("stammdaten")}</h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            {STAMMDATEN.filter((k) => view[`s_${k}`]).map((k) => (
              <div key={k} className="contents">
                <dt className="text-slate-500">{t(k)}</dt>
                <dd>{view[`s_${k}`]}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <input type="hidden" name="token" value={token} />
      <PasswordFields key={form.answer} errors={form.errors} names={[view.account]} confirmLabel="repeatPassword" />
      {view.needsSecondFactor === "1" && (
        <TextField
          key={`f${form.answer}`}
          name="secondFactorCode"
          id="second-factor"
          label={t("secondFactor")}
          errors={form.errors}
          inputMode="numeric"
          autoComplete="one-time-code"
          hint={t("secondFactorHint")}
        />
      )}
      <SubmitButton pending={form.pending} pendingLabel={t("saving")} className="w-full">
        {t("save")}
      </SubmitButton>
    </Form>
  );
}
