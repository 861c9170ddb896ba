"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, CheckboxField, fieldErrorsOf, FormMessage, SelectField, TextField, submitWithoutReset } from "@/components/reseller/form-bits";
import { type ActionState, IDLE } from "@/lib/actions/action-state";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function PolicyForm({ action, options }: { action: Action; options: { requireClasses: boolean } }) {
  const t = useTranslations("adminArea");
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <p className="text-sm text-slate-600">{t("policyIntro")}</p>
      <CheckboxField name="requireClasses" label={t("requireClasses")} defaultChecked={options.requireClasses} />
      <button type="submit" disabled={pending} className={buttonClass}>{t("save")}</button>
    </form>
  );
}

type ServerValues = {
  imapHost: string; imapPort: number; imapEncryption: string; smtpHost: string; smtpPort: number; smtpEncryption: string; publicUrl: string;
};

/** Server addresses customers see for their mail programs, and the public URL links in mails are built from. */
export function ServerSettingsForm({ action, settings }: { action: Action; settings: ServerValues }) {
  const t = useTranslations("adminArea");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrorsOf(state);
  const enc = [{ value: "ssl", label: "SSL/TLS" }, { value: "starttls", label: "STARTTLS" }];
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {(["imap", "smtp"] as const).map((p) => (
        <fieldset key={p} className="grid gap-4 sm:grid-cols-3">
          <legend className="mb-2 text-sm font-medium">{t(`${p}Legend`)}</legend>
          <TextField name={`${p}Host`} label={t("host")} errors={errors} defaultValue={settings[`${p}Host`]} />
          <TextField name={`${p}Port`} label={t("port")} errors={errors} defaultValue={settings[`${p}Port`]} inputMode="numeric" />
          <SelectField name={`${p}Encryption`} label={t("encryption")} errors={errors} defaultValue={settings[`${p}Encryption`]} options={enc} />
        </fieldset>
      ))}
      <TextField name="publicUrl" label={t("publicUrl")} errors={errors} defaultValue={settings.publicUrl} hint={t("publicUrlHint")} />
      <button type="submit" disabled={pending} className={buttonClass}>{t("save")}</button>
    </form>
  );
}
