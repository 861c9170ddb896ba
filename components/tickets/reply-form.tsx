"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { TextAreaField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

/** A reply in the conversation; the text area empties after a successful send, and stays after an error. */
export function ReplyForm({ action, ticketId }: { action: FormAction; ticketId: number }) {
  const t = useTranslations("tickets");
  const form = useForm(action);
  return (
    <Form form={form} className="space-y-3">
      <FormMessage state={form.state} />
      <input type="hidden" name="ticketId" value={ticketId} />
      <TextAreaField key={form.saved} name="message" id="reply" label={t("reply")} errors={form.errors} rows={4} />
      <SubmitButton pending={form.pending}>{t("send")}</SubmitButton>
    </Form>
  );
}
