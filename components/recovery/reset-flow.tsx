"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { RobotCheck } from "@/components/robot-check/robot-check";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { buttonClass, fieldErrors, FormMessage, submitWithoutReset, useRemountKey } from "@/components/ui/form-bits";
import { ResetPasswordForm } from "./reset-password-form";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * The link from the mail: robot check and "Bestätigen" (which only looks at the link), then
 * "Konto bearbeiten" with the new password. The token comes from the URL fragment and is removed
 * from the address bar at once; it travels only in the POST bodies.
 */
export function ResetFlow({ confirmAction, completeAction }: { confirmAction: Action; completeAction: Action }) {
  const t = useTranslations("recovery");
  const [token, setToken] = useState<string | null>(null);
  const [state, formAction, pending] = useActionState(confirmAction, IDLE);
  const robotKey = useRemountKey(state);

  useEffect(() => {
    const fromHash = window.location.hash.replace(/^#/, "");
    // Functional update: a second effect run (dev StrictMode) sees the already cleared hash.
    setToken((prev) => prev || fromHash);
    if (fromHash) window.history.replaceState(null, "", window.location.pathname);
  }, []);

  if (token === null) return null;
  if (!token) {
    return (
      <div className="space-y-4">
        <p role="alert" className="text-sm text-red-800">{t("linkMissing")}</p>
        <Link href="/passwort-vergessen" className="text-sm text-brand-700 underline">{t("requestNew")}</Link>
      </div>
    );
  }
  if (state.status === "success" && state.data) {
    return <ResetPasswordForm token={token} view={state.data} action={completeAction} />;
  }
  const errors = fieldErrors(state);
  const invalid = !!errors.token || (state.status === "error" && state.formError === t("linkInvalid"));
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-5" noValidate>
      <p className="text-sm text-slate-600">{t("resetIntro")}</p>
      <FormMessage state={state} />
      {invalid && <Link href="/passwort-vergessen" className="block text-sm text-brand-700 underline">{t("requestNew")}</Link>}
      <input type="hidden" name="token" value={token} />
      <RobotCheck key={robotKey} errors={errors.altcha} />
      <button type="submit" disabled={pending} className={`w-full ${buttonClass}`}>{pending ? t("confirming") : t("confirm")}</button>
    </form>
  );
}
