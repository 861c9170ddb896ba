"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { PasswordFields } from "@/components/password/password-fields";
import { FieldError } from "@/components/ui/field-error";
import { IDLE } from "@/lib/actions/action-state";
import { buttonClass, type FormAction, fieldErrors, FormMessage, inputClass } from "@/components/ui/form-bits";

/** "Passwort": aktuelles Passwort, neues Passwort, Passwort wiederholen, Speichern. */
export function MailboxPasswordForm({ action, address }: { action: FormAction; address: string }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrors(state);
  return (
    <form action={formAction} className="max-w-md space-y-4" noValidate>
      <FormMessage state={state} />
      {/* Lets password managers file the new password under the right account; no name, so never posted. */}
      <input type="text" value={address} autoComplete="username" readOnly hidden />
      <div>
        <label htmlFor="currentPassword" className="block text-sm font-medium">{t("password.currentPassword")}</label>
        <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" className={inputClass}
          aria-invalid={!!errors.currentPassword} aria-describedby="currentPassword-error" />
        <FieldError id="currentPassword-error" messages={errors.currentPassword} />
      </div>
      <PasswordFields errors={errors} names={[address]} confirmLabel="repeatPassword" />
      <button type="submit" disabled={pending} className={buttonClass}>{t("mailboxSettings.save")}</button>
    </form>
  );
}
