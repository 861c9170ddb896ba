"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";
import { OneTimeSecret } from "@/components/ui/one-time-secret";

type ResellerValues = { id: number; name: string; customerNumberBase: number };

/**
 * A reseller's name and customer number range. New: with its login, whose generated password is
 * shown once; editing: the login stays as it is.
 */
export function ResellerForm({ action, reseller }: { action: FormAction; reseller?: ResellerValues }) {
  const t = useTranslations("adminArea");
  const form = useForm(action);
  const created = !reseller && form.state.status === "success" ? form.state.data : undefined;
  return (
    <div className="space-y-4">
      {created && <OneTimeSecret title={t("resellerLogin")} login={created.login} secret={created.password} />}
      <Form form={form} className="space-y-4">
        <FormMessage state={form.state} />
        {reseller && <input type="hidden" name="id" value={reseller.id} />}
        <TextField name="name" label={t("name")} errors={form.errors} defaultValue={reseller?.name} required />
        <TextField
          name="customerNumberBase"
          label={t("customerNumberBase")}
          errors={form.errors}
          inputMode="numeric"
          hint={t("customerNumberBaseHint")}
          defaultValue={reseller ? String(reseller.customerNumberBase) : undefined}
          required
        />
        {!reseller && <TextField name="email" label={t("loginEmail")} errors={form.errors} type="email" required />}
        <SubmitButton pending={form.pending}>{reseller ? t("saveReseller") : t("createReseller")}</SubmitButton>
      </Form>
    </div>
  );
}
