"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { CheckboxField, SelectField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

export function PolicyForm({ action, options }: { action: FormAction; options: { requireClasses: boolean } }) {
  const t = useTranslations("adminArea");
  const form = useForm(action);
  return (
    <Form form={form} className="space-y-4">
      <FormMessage state={form.state} />
      <p className="text-sm text-slate-600">{t("policyIntro")}</p>
      <CheckboxField name="requireClasses" label={t("requireClasses")} defaultChecked={options.requireClasses} errors={form.errors} />
      <SubmitButton pending={form.pending}>{t("save")}</SubmitButton>
    </Form>
  );
}

type ServerValues = {
  imapHost: string;
  imapPort: number;
  imapEncryption: string;
  smtpHost: string;
  smtpPort: number;
  smtpEncryption: string;
  publicUrl: string;
};

/** Server addresses customers see for their mail programs, and the public URL links in mails are built from. */
export function ServerSettingsForm({ action, settings }: { action: FormAction; settings: ServerValues }) {
  const t = useTranslations("adminArea");
  const form = useForm(action);
  const enc = [
    { value: "ssl", label: "SSL/TLS" },
    { value: "starttls", label: "STARTTLS" },
  ];
  return (
    <Form form={form} className="space-y-4">
      <FormMessage state={form.state} />
      {(["imap", "smtp"] as const).map((p) => (
        <fieldset key={p} className="grid gap-4 sm:grid-cols-3">
          <legend className="mb-2 text-sm font-medium">{t(`${p}Legend`)}</legend>
          <TextField name={`${p}Host`} label={t("host")} errors={form.errors} defaultValue={settings[`${p}Host`]} />
          <TextField name={`${p}Port`} label={t("port")} errors={form.errors} defaultValue={settings[`${p}Port`]} inputMode="numeric" />
          <SelectField
            name={`${p}Encryption`}
            label={t("encryption")}
            errors={form.errors}
            defaultValue={settings[`${p}Encryption`]}
            options={enc}
          />
        </fieldset>
      ))}
      <TextField name="publicUrl" label={t("publicUrl")} errors={form.errors} defaultValue={settings.publicUrl} hint={t("publicUrlHint")} />
      <SubmitButton pending={form.pending}>{t("save")}</SubmitButton>
    </Form>
  );
}
