"use client";

import { useTranslations } from "next-intl";
import { TICKET_CATEGORIES } from "@/db/schema/tickets";
import { SubmitButton } from "@/components/form/buttons";
import { SelectField, TextAreaField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

/** "neues Ticket erstellen": category, subject and message; errors beside each field. */
export function NewTicketForm({ action, defaultCategory }: { action: FormAction; defaultCategory?: string }) {
  const t = useTranslations("tickets");
  const form = useForm(action);
  return (
    <Form form={form} className="space-y-4">
      <FormMessage state={form.state} />
      <SelectField
        name="category"
        id="category"
        label={t("category")}
        errors={form.errors}
        defaultValue={defaultCategory ?? ""}
        options={[
          { value: "", label: t("chooseCategory"), disabled: true },
          ...TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) })),
        ]}
      />
      <TextField name="subject" id="subject" label={t("subject")} errors={form.errors} maxLength={200} />
      <TextAreaField name="message" id="message" label={t("message")} errors={form.errors} rows={6} />
      <SubmitButton pending={form.pending}>{t("submit")}</SubmitButton>
    </Form>
  );
}
