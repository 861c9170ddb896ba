"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { IDLE } from "@/lib/actions/action-state";
import { buttonClass, type FormAction, fieldErrors, FormMessage, inputClass } from "@/components/ui/form-bits";

/** Adds an address or a whole domain to the black list ("block") or the white list ("allow"). */
export function AddSenderRuleForm({ action, kind }: { action: FormAction; kind: "block" | "allow" }) {
  const t = useTranslations("mailboxSettings.senders");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrors(state);
  const id = `pattern-${kind}`;
  return (
    <form action={formAction} className="max-w-md space-y-3" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="kind" value={kind} />
      <div>
        <label htmlFor={id} className="block text-sm font-medium">{t(kind === "block" ? "blockLabel" : "allowLabel")}</label>
        <input id={id} name="pattern" type="text" autoComplete="off" className={inputClass} placeholder={t("placeholder")}
          aria-invalid={!!errors.pattern} aria-describedby={`${id}-hint ${id}-error`} />
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{t("hint")}</p>
        <FieldError id={`${id}-error`} messages={errors.pattern} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>{t(kind === "block" ? "addBlock" : "addAllow")}</button>
    </form>
  );
}
