"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { CancelLink, SubmitButton } from "@/components/form/buttons";
import { SelectField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { PasswordFields } from "@/components/form/password-fields";
import { fieldsetClass, legendClass } from "@/components/form/styles";
import { type FormAction, useForm } from "@/components/form/use-form";

type Props = {
  action: FormAction;
  subscriptionId: number;
  domains: { id: number; displayName: string }[];
  packageMaxMb: number | null;
  cancelHref: string;
};

/** "Neue E-Mail-Adresse hinzufügen": mail name @ domain, password twice, quota. The action redirects on success. */
export function CreateMailboxForm({ action, subscriptionId, domains, packageMaxMb, cancelHref }: Props) {
  const t = useTranslations("panel");
  const form = useForm(action);
  // Controlled: the meter checks the password against the address being created.
  const [localPart, setLocalPart] = useState("");
  const [domainId, setDomainId] = useState(String(domains[0]?.id ?? ""));
  const domainName = domains.find((d) => String(d.id) === domainId)?.displayName ?? "";
  return (
    <Form form={form} skin="panel" className="space-y-4">
      <FormMessage state={form.state} />
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t("address")}</legend>
        <div className="flex flex-wrap items-start gap-2">
          <TextField
            name="localPart"
            label={t("localPart")}
            errors={form.errors}
            alsoErrors={form.errors.domainId}
            value={localPart}
            onChange={setLocalPart}
            inputClassName="w-56"
          />
          <span className="pt-8">@</span>
          <SelectField
            name="domainId"
            label={t("domain")}
            errors={{}}
            value={domainId}
            onChange={setDomainId}
            options={domains.map((d) => ({ value: String(d.id), label: d.displayName }))}
          />
        </div>
        <PasswordFields key={form.answer} errors={form.errors} names={localPart ? [`${localPart}@${domainName}`] : []} />
      </fieldset>
      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t("mailboxSection")}</legend>
        <TextField
          name="quotaMb"
          label={t("quota")}
          errors={form.errors}
          inputMode="numeric"
          inputClassName="max-w-40"
          hint={packageMaxMb === null ? t("quotaHintUnlimited") : t("quotaHint", { max: packageMaxMb })}
        />
      </fieldset>
      <div className="flex gap-2">
        <SubmitButton pending={form.pending} pendingLabel={t("saving")}>
          {t("ok")}
        </SubmitButton>
        <CancelLink href={cancelHref}>{t("cancel")}</CancelLink>
      </div>
    </Form>
  );
}
