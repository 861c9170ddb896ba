"use client";

import { useTranslations } from "next-intl";
import { Form } from "@/components/form/form";
import { dangerButtonClass } from "@/components/form/styles";
import { type FormAction, useForm } from "@/components/form/use-form";

/** Asks once more before removing a customer's factors: the customer then logs in with the password alone. */
export function ResetButton({ action, userId, email }: { action: FormAction; userId: number; email: string }) {
  const t = useTranslations("mfa");
  const form = useForm(action);
  if (form.state.status === "success")
    return (
      <span role="status" className="text-sm text-green-800">
        {form.state.message}
      </span>
    );
  return (
    <Form form={form} confirm={t("resetConfirm", { email })}>
      <input type="hidden" name="userId" value={userId} />
      {form.state.status === "error" && (
        <span role="alert" className="mr-2 text-sm text-red-700">
          {form.state.formError}
        </span>
      )}
      <button type="submit" disabled={form.pending} className={dangerButtonClass}>
        {t("resetButton")}
      </button>
    </Form>
  );
}
