"use client";

import { useTranslations } from "next-intl";
import { CancelLink, SubmitButton } from "@/components/form/buttons";
import { CheckboxField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage, SuccessNotice } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

type Props = { action: FormAction; subscriptionId: number; mailboxId: number; enabled: boolean; cancelHref: string };

/** "Spamfilter": on or off for this address. */
export function SpamFilterForm({ action, subscriptionId, mailboxId, enabled, cancelHref }: Props) {
  const t = useTranslations("panel");
  const form = useForm(action);
  return (
    <Form form={form} skin="panel" className="space-y-4">
      <FormMessage state={form.state} success={<SuccessNotice title={t("spamSaved")} />} />
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <CheckboxField name="enabled" label={t("spamOn")} defaultChecked={enabled} hint={t("spamHint")} errors={form.errors} />
      <div className="flex gap-2">
        <SubmitButton pending={form.pending} pendingLabel={t("saving")}>
          {t("ok")}
        </SubmitButton>
        <CancelLink href={cancelHref}>{t("cancel")}</CancelLink>
      </div>
    </Form>
  );
}
