"use client";

import { useTranslations } from "next-intl";
import { CancelLink, SubmitButton } from "@/components/form/buttons";
import { CheckboxField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

type Props = {
  action: FormAction;
  subscriptionId: number;
  mailboxes: { id: number; displayAddress: string }[];
  cancelHref: string;
};

/** The confirmation step of "Auswahl entfernen": the list, an explicit tick, then Entfernen. */
export function DeleteMailboxesForm({ action, subscriptionId, mailboxes, cancelHref }: Props) {
  const t = useTranslations("panel");
  const form = useForm(action);
  return (
    <Form form={form} skin="panel" className="space-y-4">
      <FormMessage state={form.state} />
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <p className="text-sm">{t("deleteQuestion")}</p>
      <ul className="list-disc pl-6 text-sm font-medium">
        {mailboxes.map((m) => (
          <li key={m.id}>
            {m.displayAddress}
            <input type="hidden" name="mailboxIds" value={m.id} />
          </li>
        ))}
      </ul>
      <CheckboxField name="confirmed" value="yes" label={t("deleteConfirm")} errors={form.errors} />
      <div className="flex gap-2">
        <SubmitButton pending={form.pending}>{t("deleteSubmit")}</SubmitButton>
        <CancelLink href={cancelHref}>{t("cancel")}</CancelLink>
      </div>
    </Form>
  );
}
