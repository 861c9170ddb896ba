"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { IDLE } from "@/lib/actions/action-state";
import { buttonClass, type FormAction, fieldErrors, FormMessage, inputClass } from "@/components/ui/form-bits";

export function AddForwardForm({ action }: { action: FormAction }) {
  const t = useTranslations("mailboxSettings.forwards");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrors(state);
  return (
    <form action={formAction} className="max-w-md space-y-3" noValidate>
      <FormMessage state={state} />
      <div>
        <label htmlFor="target" className="block text-sm font-medium">{t("target")}</label>
        <input id="target" name="target" type="email" autoComplete="off" className={inputClass} placeholder={t("targetPlaceholder")}
          aria-invalid={!!errors.target} aria-describedby="target-error" />
        <FieldError id="target-error" messages={errors.target} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>{t("add")}</button>
    </form>
  );
}

export function KeepCopyForm({ action, keepCopy }: { action: FormAction; keepCopy: boolean }) {
  const t = useTranslations("mailboxSettings.forwards");
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage state={state} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="keepCopy" defaultChecked={keepCopy} className="h-4 w-4" />
        {t("keepCopy")}
      </label>
      <p className="text-xs text-slate-500">{t("keepCopyHint")}</p>
      <button type="submit" disabled={pending} className={buttonClass}>{t("saveKeepCopy")}</button>
    </form>
  );
}
