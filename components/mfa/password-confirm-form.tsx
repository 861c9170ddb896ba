"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { CurrentPasswordField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { dangerButtonClass } from "@/components/form/styles";
import { type FormAction, useForm } from "@/components/form/use-form";
import { RecoveryCodesList } from "./recovery-codes-list";

/** A change to the factors (remove one, renew codes) asks for the current password again. */
export function PasswordConfirmForm({
  action,
  submitLabel,
  hidden,
}: {
  action: FormAction;
  submitLabel: string;
  hidden?: Record<string, string>;
}) {
  const t = useTranslations("mfa");
  const form = useForm(action);
  const router = useRouter();
  const done = form.state.status === "success";
  useEffect(() => {
    if (done) router.refresh();
  }, [done, router]);
  const { state, errors } = form;
  if (state.status === "success") {
    return (
      <div className="space-y-3">
        <p role="status" className="text-sm text-green-800">
          {state.message}
        </p>
        {state.data?.codes && <RecoveryCodesList codes={state.data.codes} />}
      </div>
    );
  }
  return (
    <Form form={form} className="flex flex-wrap items-start gap-2">
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div>
        <CurrentPasswordField
          key={form.answer}
          name="password"
          label={t("currentPassword")}
          srOnlyLabel
          placeholder={t("currentPassword")}
          errors={errors}
          inputClassName="mt-0 py-1"
        />
        {state.status === "error" && !errors.password && (
          <p role="alert" className="mt-1 text-sm text-red-700">
            {state.formError}
          </p>
        )}
      </div>
      <button type="submit" disabled={form.pending} className={dangerButtonClass}>
        {submitLabel}
      </button>
    </Form>
  );
}
