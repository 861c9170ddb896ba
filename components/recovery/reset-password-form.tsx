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

/**
 * After a confirmed link: the account's name, the new password twice (and the second factor where one is
 * set up), "Speichern". No Stammdaten: the link alone must not show address or phone to whoever holds it.
 */
export function ResetPasswordForm({ token, view, action }: { token: string; view: Record<string, string>; action: FormAction }) {
  const t = useTranslations("recovery");
  const form = useForm(action);

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
      <h2 className="text-base font-semibold">{t("newPasswordTitle")}</h2>
      <FormMessage state={form.state} />
      <p className="text-sm">
        {t("account")}: <span className="font-mono">{view.account}</span>
      </p>
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
