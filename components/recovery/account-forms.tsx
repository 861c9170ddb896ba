"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { CurrentPasswordField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";
import { IDLE } from "@/lib/actions/action-state";

export function ReauthForm({ action }: { action: FormAction }) {
  const t = useTranslations("account");
  const tp = useTranslations("password");
  const form = useForm(action);
  return (
    <Form form={form} className="max-w-md space-y-4">
      <FormMessage state={form.state.status === "error" && form.errors.currentPassword ? IDLE : form.state} />
      <CurrentPasswordField
        key={form.answer}
        name="currentPassword"
        id="currentPassword"
        label={tp("currentPassword")}
        errors={form.errors}
      />
      <SubmitButton pending={form.pending}>{t("reauthSubmit")}</SubmitButton>
    </Form>
  );
}

const FIELDS = [
  ["company", "organization"],
  ["contactName", "name"],
  ["street", "street-address"],
  ["postalCode", "postal-code"],
  ["city", "address-level2"],
  ["phone", "tel"],
  ["contactEmail", "email"],
] as const;
type Field = (typeof FIELDS)[number][0];

/** Stammdaten and contact address; the contact address is where recovery links and notices go. */
export function StammdatenForm({ action, initial }: { action: FormAction; initial: Record<Field, string> }) {
  const t = useTranslations("recovery");
  const ta = useTranslations("account");
  const form = useForm(action);
  return (
    <Form form={form} className="max-w-xl space-y-4">
      <FormMessage state={form.state} />
      {FIELDS.map(([name, autoComplete]) => (
        <TextField
          key={name}
          name={name}
          id={name}
          label={t(name)}
          errors={form.errors}
          type={name === "contactEmail" ? "email" : "text"}
          autoComplete={autoComplete}
          defaultValue={initial[name]}
        />
      ))}
      <SubmitButton pending={form.pending}>{ta("save")}</SubmitButton>
    </Form>
  );
}
