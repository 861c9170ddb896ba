"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { CurrentPasswordField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

/** The mailbox's recovery address; changing it asks for the current mailbox password. */
export function MailboxRecoveryForm({ action, current }: { action: FormAction; current: string }) {
  const t = useTranslations("mailboxRecovery");
  const form = useForm(action);
  return (
    <Form form={form} className="max-w-md space-y-4">
      <FormMessage state={form.state} />
      <TextField
        name="address"
        id="address"
        type="email"
        autoComplete="email"
        label={t("address")}
        errors={form.errors}
        defaultValue={current}
      />
      {/* The current password never lingers in the field. */}
      <CurrentPasswordField
        key={form.answer}
        name="currentPassword"
        id="currentPassword"
        label={t("currentPassword")}
        errors={form.errors}
      />
      <SubmitButton pending={form.pending}>{t("save")}</SubmitButton>
    </Form>
  );
}
