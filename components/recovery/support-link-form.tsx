"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { SubmitButton } from "@/components/form/buttons";
import { RadioGroupField, TextAreaField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

const KINDS = [
  ["user", "kindUser"],
  ["mail_account", "kindMailAccount"],
  ["mailbox", "kindMailbox"],
] as const;

/** Support: which account, to the address on file or (identity checked) a new one, and why. */
export function SupportLinkForm({ action }: { action: FormAction }) {
  const t = useTranslations("supportRecovery");
  const form = useForm(action);
  const [recipient, setRecipient] = useState("contact");
  return (
    <Form form={form} className="max-w-xl space-y-5">
      <FormMessage state={form.state} />
      <RadioGroupField
        name="kind"
        legend={t("accountKind")}
        errors={form.errors}
        defaultValue="user"
        options={KINDS.map(([kind, label]) => ({ value: kind, label: t(label) }))}
      />
      <TextField name="identifier" id="identifier" label={t("identifier")} errors={form.errors} />
      <RadioGroupField
        name="recipient"
        id="recipient"
        legend={t("recipient")}
        errors={form.errors}
        value={recipient}
        onChange={setRecipient}
        options={[
          { value: "contact", label: t("toContact") },
          { value: "new", label: t("toNew") },
        ]}
      />
      {recipient === "new" && <TextField name="newAddress" id="newAddress" type="email" label={t("newAddress")} errors={form.errors} />}
      <TextAreaField name="reason" id="reason" label={t("reason")} errors={form.errors} rows={3} hint={t("reasonHint")} />
      <SubmitButton pending={form.pending}>{t("submit")}</SubmitButton>
    </Form>
  );
}
