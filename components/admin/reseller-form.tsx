"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";
import { OneTimeSecret } from "@/components/ui/one-time-secret";

/** New reseller: name, customer number range and login; the generated password is shown once. */
export function ResellerForm({ action }: { action: FormAction }) {
  const t = useTranslations("adminArea");
  const form = useForm(action);
  const created = form.state.status === "success" ? form.state.data : undefined;
  return (
    <div className="space-y-4">
      {created && <OneTimeSecret title={t("resellerLogin")} login={created.login} secret={created.password} />}
      <Form form={form} className="space-y-4">
        <FormMessage state={form.state} />
        <TextField name="name" label={t("name")} errors={form.errors} required />
        <TextField
          name="customerNumberBase"
          label={t("customerNumberBase")}
          errors={form.errors}
          inputMode="numeric"
          hint={t("customerNumberBaseHint")}
          required
        />
        <TextField name="email" label={t("loginEmail")} errors={form.errors} type="email" required />
        <SubmitButton pending={form.pending}>{t("createReseller")}</SubmitButton>
      </Form>
    </div>
  );
}
