"use client";

import { useTranslations } from "next-intl";
import { CancelLink, SubmitButton } from "@/components/form/buttons";
import { DateField } from "@/components/form/date-field";
import { CheckboxField, TextAreaField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage, SuccessNotice } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

export type AutoresponderValues = {
  enabled: boolean;
  subject: string;
  body: string;
  startsOn: string | null;
  endsOn: string | null;
  intervalDays: number;
};

type Props = {
  action: FormAction;
  values: AutoresponderValues;
  /**
   * Hidden ids naming whose reply it is: the panel's subscription and mailbox, the
   * E-Mail-Administration's account; the self-service takes the mailbox from the session.
   */
  target?: { subscriptionId: number; mailboxId: number } | { accountId: number };
  skin?: "panel";
  cancelHref?: string;
};

/** Abwesenheitsnotiz: the same form in the mailbox self-service, every panel layout and the E-Mail-Administration. */
export function AutoresponderForm({ action, values, target, skin, cancelHref }: Props) {
  const t = useTranslations("autoresponder");
  const tc = useTranslations("common");
  const form = useForm(action);
  return (
    <Form form={form} skin={skin} className="max-w-xl space-y-4">
      <FormMessage state={form.state} success={<SuccessNotice title={t("saved")} />} />
      {target && Object.entries(target).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <CheckboxField
        name="enabled"
        label={<span className="font-medium">{t("enabled")}</span>}
        defaultChecked={values.enabled}
        errors={form.errors}
      />
      <TextField
        name="subject"
        label={t("subject")}
        hint={t("subjectHint")}
        defaultValue={values.subject}
        maxLength={200}
        errors={form.errors}
      />
      <TextAreaField name="body" label={t("body")} rows={8} defaultValue={values.body} maxLength={5000} errors={form.errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <DateField name="startsOn" label={t("startsOn")} defaultValue={values.startsOn} errors={form.errors} />
        <DateField name="endsOn" label={t("endsOn")} defaultValue={values.endsOn} errors={form.errors} />
      </div>
      <p className="text-sm text-slate-600">{t("datesHint")}</p>
      <TextField
        name="intervalDays"
        label={t("intervalDays")}
        inputMode="numeric"
        defaultValue={values.intervalDays}
        inputClassName="w-24"
        errors={form.errors}
      />
      <div className="flex gap-2">
        <SubmitButton pending={form.pending}>{t("save")}</SubmitButton>
        {cancelHref && <CancelLink href={cancelHref}>{tc("cancel")}</CancelLink>}
      </div>
    </Form>
  );
}
