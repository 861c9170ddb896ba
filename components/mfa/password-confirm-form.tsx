"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId } from "react";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { FieldError } from "@/components/ui/field-error";
import { RecoveryCodesList } from "./recovery-codes-list";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** A change to the factors (remove one, renew codes) asks for the current password again. */
export function PasswordConfirmForm({ action, submitLabel, hidden }: { action: Action; submitLabel: string; hidden?: Record<string, string> }) {
  const t = useTranslations("mfa");
  const id = useId();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const router = useRouter();
  const done = state.status === "success";
  useEffect(() => {
    if (done) router.refresh();
  }, [done, router]);
  const errors = state.status === "error" ? state.fieldErrors ?? {} : {};
  if (state.status === "success") {
    return (
      <div className="space-y-3">
        <p role="status" className="text-sm text-green-800">{state.message}</p>
        {state.data?.codes && <RecoveryCodesList codes={state.data.codes} />}
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-wrap items-start gap-2" noValidate>
      {Object.entries(hidden ?? {}).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <div>
        <label htmlFor={`${id}-pw`} className="sr-only">{t("currentPassword")}</label>
        <input id={`${id}-pw`} name="password" type="password" autoComplete="current-password" placeholder={t("currentPassword")}
          aria-invalid={!!errors.password} aria-describedby={`${id}-pw-error`}
          className="rounded border border-slate-300 px-2 py-1 text-sm" />
        <FieldError id={`${id}-pw-error`} messages={errors.password} />
        {state.status === "error" && !errors.password && <p role="alert" className="mt-1 text-sm text-red-700">{state.formError}</p>}
      </div>
      <button type="submit" disabled={pending} className="rounded border border-red-300 px-3 py-1 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60">
        {submitLabel}
      </button>
    </form>
  );
}
