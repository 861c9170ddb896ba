"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { CheckboxField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

/** Adds a forwarding target. After an error the typed address stays; after success the field empties. */
export function AddForwardForm({ action }: { action: FormAction }) {
  const t = useTranslations("mailboxSettings.forwards");
  const form = useForm(action);
  return (
    <Form form={form} className="max-w-md space-y-3">
      <FormMessage state={form.state} />
      <TextField
        key={form.saved}
        name="target"
        id="target"
        type="email"
        label={t("target")}
        errors={form.errors}
        placeholder={t("targetPlaceholder")}
      />
      <SubmitButton pending={form.pending}>{t("add")}</SubmitButton>
    </Form>
  );
}

export function KeepCopyForm({ action, keepCopy }: { action: FormAction; keepCopy: boolean }) {
  const t = useTranslations("mailboxSettings.forwards");
  const form = useForm(action);
  return (
    <Form form={form} className="space-y-3">
      <FormMessage state={form.state} />
      <CheckboxField name="keepCopy" label={t("keepCopy")} defaultChecked={keepCopy} hint={t("keepCopyHint")} errors={form.errors} />
      <SubmitButton pending={form.pending}>{t("saveKeepCopy")}</SubmitButton>
    </Form>
  );
}
