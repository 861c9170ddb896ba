"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { PasswordFields } from "@/components/password/password-fields";
import { FieldError } from "@/components/ui/field-error";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { cancelButton, fieldsetClass, inputClass, legendClass, okButton } from "./form-styles";
import { ErrorNotice, SuccessNotice } from "./notice";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  subscriptionId: number;
  mailbox: { id: number; address: string; enabled: boolean; quotaMb: number | null };
  packageMaxMb: number | null;
  cancelHref: string;
  serverHref: string;
};

/**
 * "Einstellungen" of an address, the same in every skin: new password twice (meter, Generieren,
 * Anzeigen), mailbox on/off and quota, OK and Abbrechen. After a password change it shows the
 * success message and the reminder that mail programs need the new password for IMAP and SMTP.
 */
export function MailboxSettingsForm({ action, subscriptionId, mailbox, packageMaxMb, cancelHref, serverHref }: Props) {
  const t = useTranslations("panel");
  const tp = useTranslations("password");
  const id = useId();
  const [state, formAction, pending] = useActionState(action, IDLE);
  // A new PasswordFields after each success empties both fields (adjusting state while rendering).
  const [seen, setSeen] = useState(state);
  const [round, setRound] = useState(0);
  // Controlled, so React's reset after the action keeps what the user typed beside an error.
  const [quota, setQuota] = useState(mailbox.quotaMb === null ? "" : String(mailbox.quotaMb));
  const [enabled, setEnabled] = useState(mailbox.enabled);
  if (state !== seen) {
    setSeen(state);
    if (state.status === "success") setRound((r) => r + 1);
  }
  const errors = state.status === "error" ? state.fieldErrors ?? {} : {};
  const passwordChanged = state.status === "success" && state.data?.passwordChanged === "1";

  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.status === "error" && state.formError && <ErrorNotice>{state.formError}</ErrorNotice>}
      {state.status === "success" && (passwordChanged ? (
        <SuccessNotice title={tp("successTitle")}>
          <p className="mt-1">{tp("clientsNote")}</p>
          <p className="mt-1"><a href={serverHref} className="font-medium underline">{tp("serverAddressesLink")}</a></p>
        </SuccessNotice>
      ) : <SuccessNotice title={t("settingsSaved")} />)}
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="mailboxId" value={mailbox.id} />
      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t("passwordSection")}</legend>
        <p className="text-xs text-slate-600">{t("passwordKeep")}</p>
        <PasswordFields key={round} errors={errors} names={[mailbox.address]} />
      </fieldset>
      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t("mailboxSection")}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)}
            aria-invalid={!!errors.enabled} aria-describedby={`${id}-enabled-error`} />
          {t("enabled")}
        </label>
        <FieldError id={`${id}-enabled-error`} messages={errors.enabled} />
        <div>
          <label htmlFor={`${id}-quota`} className="block text-sm font-medium">{t("quota")}</label>
          <input id={`${id}-quota`} name="quotaMb" inputMode="numeric" value={quota} onChange={(e) => setQuota(e.target.value)} className={`${inputClass} max-w-40`}
            aria-invalid={!!errors.quotaMb} aria-describedby={`${id}-quota-hint ${id}-quota-error`} />
          <p id={`${id}-quota-hint`} className="mt-1 text-xs text-slate-500">
            {packageMaxMb === null ? t("quotaHintUnlimited") : t("quotaHint", { max: packageMaxMb })}
          </p>
          <FieldError id={`${id}-quota-error`} messages={errors.quotaMb} />
        </div>
      </fieldset>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={okButton}>{pending ? t("saving") : t("ok")}</button>
        <a href={cancelHref} className={cancelButton}>{t("cancel")}</a>
      </div>
    </form>
  );
}
