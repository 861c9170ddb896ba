"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { buttonClass, fieldErrors, FormMessage, inputClass, submitWithoutReset, useRemountKey } from "@/components/ui/form-bits";

type Props = { action: (state: ActionState, formData: FormData) => Promise<ActionState>; current: string };

/** The mailbox's recovery address; changing it asks for the current mailbox password. */
export function MailboxRecoveryForm({ action, current }: Props) {
  const t = useTranslations("mailboxRecovery");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [address, setAddress] = useState(current);
  const errors = fieldErrors(state);
  const passwordKey = useRemountKey(state); // the current password never lingers in the field
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="max-w-md space-y-4" noValidate>
      <FormMessage state={state} />
      <div>
        <label htmlFor="address" className="block text-sm font-medium">{t("address")}</label>
        <input id="address" name="address" type="email" autoComplete="email" value={address} onChange={(e) => setAddress(e.target.value)}
          className={inputClass} aria-invalid={!!errors.address} aria-describedby="address-error" />
        <FieldError id="address-error" messages={errors.address} />
      </div>
      <div>
        <label htmlFor="currentPassword" className="block text-sm font-medium">{t("currentPassword")}</label>
        <input key={passwordKey} id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" className={inputClass}
          aria-invalid={!!errors.currentPassword} aria-describedby="currentPassword-error" />
        <FieldError id="currentPassword-error" messages={errors.currentPassword} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>{t("save")}</button>
    </form>
  );
}
