"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

export function ConfirmStammdatenForm({ action }: { action: FormAction }) {
  const t = useTranslations("stammdaten");
  const form = useForm(action);
  return (
    <Form form={form} className="space-y-3">
      <FormMessage state={form.state} />
      <p className="text-sm text-slate-600">{t("confirmHint")}</p>
      <SubmitButton pending={form.pending}>{t("confirm")}</SubmitButton>
    </Form>
  );
}
