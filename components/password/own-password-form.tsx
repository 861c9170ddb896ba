"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { CurrentPasswordField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { PasswordFields } from "@/components/form/password-fields";
import { type FormAction, useForm } from "@/components/form/use-form";

/**
 * "Passwort ändern" of one's own login (seed 002, seed 004): aktuelles Passwort, neues Passwort,
 * Passwort wiederholen, Speichern. `login` is the name the password belongs to (address or login name).
 */
export function OwnPasswordForm({ action, login }: { action: FormAction; login: string }) {
  const t = useTranslations();
  const form = useForm(action);
  return (
    <Form form={form} className="max-w-md space-y-4">
      <FormMessage state={form.state} />
      {/* Lets password managers file the new password under the right account; no name, so never posted. */}
      <input type="text" value={login} autoComplete="username" readOnly hidden />
      <CurrentPasswordField
        key={`c${form.answer}`}
        name="currentPassword"
        id="currentPassword"
        label={t("password.currentPassword")}
        errors={form.errors}
      />
      <PasswordFields key={form.answer} errors={form.errors} names={[login]} confirmLabel="repeatPassword" />
      <SubmitButton pending={form.pending}>{t("password.save")}</SubmitButton>
    </Form>
  );
}
