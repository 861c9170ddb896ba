"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { PasswordFields } from "@/components/password/password-fields";
import { buttonClass, fieldErrorsOf, FormMessage, submitWithoutReset } from "@/components/reseller/form-bits";
import { type ActionState, IDLE } from "@/lib/actions/action-state";

/** The first thing after logging in with a generated `.001` password: choose an own one. */
export function ForcedPasswordChange({ action, login }: { action: (s: ActionState, f: FormData) => Promise<ActionState>; login: string }) {
  const t = useTranslations("mailAdmin");
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <section className="max-w-xl rounded-lg bg-white p-5 shadow-sm">
      <h1 className="text-2xl font-semibold text-slate-900">{t("forcedTitle")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("forcedIntro", { login })}</p>
      <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="mt-4 space-y-4" noValidate>
        <FormMessage state={state} />
        <PasswordFields errors={fieldErrorsOf(state)} names={[login]} />
        <button type="submit" disabled={pending} className={buttonClass}>{t("forcedSubmit")}</button>
      </form>
    </section>
  );
}
