"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { CurrentPasswordField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { PasswordFields } from "@/components/form/password-fields";
import { type FormAction, useForm } from "@/components/form/use-form";

/** "Passwort": aktuelles Passwort, neues Passwort, Passwort wiederholen, Speichern. */
export function MailboxPasswordForm({ action, address }: { action: FormAction; address: string }) {
  const t = useTranslations();
  const form = useForm(action);
  return (
    <Form form={form} className="max-w-md space-y-4">
      <FormMessage state={form.state} />
      {/* Lets password managers file the new password under the right account; no name, so never posted. */}
      <input type="text" value={address} autoComplete="username" readOnly hidden />
      <CurrentPasswordField
        key={`c${form.answer}`}
        name="currentPassword"
        id="currentPassword"
        label={t("password.currentPassword")}
        errors={form.errors}
      />
      <PasswordFields key={form.answer} errors={form.errors} names={[address]} confirmLabel="repeatPassword" />
      <SubmitButton pending={form.pending}>{t("mailboxSettings.save")}</SubmitButton>
    </Form>
  );
}
