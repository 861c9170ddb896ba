"use client";

import { useTranslations } from "next-intl";
import { CancelLink, SubmitButton } from "@/components/form/buttons";
import { CheckboxField, TextAreaField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage, SuccessNotice } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

type Props = {
  action: FormAction;
  subscriptionId: number;
  mailboxId: number;
  targets: string[];
  keepCopy: boolean;
  /** The package's limit on targets of all its addresses together; null when unlimited. */
  maxForwards: number | null;
  cancelHref: string;
};

/** "Weiterleitung": target addresses, one per line, and whether the mailbox keeps a copy. */
export function ForwardingForm({ action, subscriptionId, mailboxId, targets, keepCopy, maxForwards, cancelHref }: Props) {
  const t = useTranslations("panel");
  const form = useForm(action);
  return (
    <Form form={form} skin="panel" className="space-y-4">
      <FormMessage state={form.state} success={<SuccessNotice title={t("forwardingSaved")} />} />
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <TextAreaField
        name="targets"
        label={t("targets")}
        errors={form.errors}
        rows={5}
        defaultValue={targets.join("\n")}
        inputClassName="font-mono"
        hint={maxForwards === null ? t("targetsHint") : `${t("targetsHint")} ${t("targetsLimitHint", { max: maxForwards })}`}
      />
      <CheckboxField name="keepCopy" label={t("keepCopy")} defaultChecked={keepCopy} errors={form.errors} />
      <div className="flex gap-2">
        <SubmitButton pending={form.pending} pendingLabel={t("saving")}>
          {t("ok")}
        </SubmitButton>
        <CancelLink href={cancelHref}>{t("cancel")}</CancelLink>
      </div>
    </Form>
  );
}
