"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { SubmitButton } from "@/components/form/buttons";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";
import { RobotCheck } from "@/components/robot-check/robot-check";
import { ResetPasswordForm } from "./reset-password-form";

/**
 * The link from the mail: robot check and "Bestätigen" (which only looks at the link), then
 * "Konto bearbeiten" with the new password. The token comes from the URL fragment and is removed
 * from the address bar at once; it travels only in the POST bodies.
 */
export function ResetFlow({ confirmAction, completeAction }: { confirmAction: FormAction; completeAction: FormAction }) {
  const t = useTranslations("recovery");
  const [token, setToken] = useState<string | null>(null);
  const form = useForm(confirmAction);

  useEffect(() => {
    const fromHash = window.location.hash.replace(/^#/, "");
    // Functional update: a second effect run (dev StrictMode) sees the already cleared hash. The hash
    // exists only in the browser, so it cannot be read during render (server and client HTML would differ).
    // eslint-disable-next-line react-hooks/set-state-in-effect -- see above: read once after hydration
    setToken((prev) => prev || fromHash);
    if (fromHash) window.history.replaceState(null, "", window.location.pathname);
  }, []);

  if (token === null) return null;
  if (!token) {
    return (
      <div className="space-y-4">
        <p role="alert" className="text-sm text-red-800">
          {t("linkMissing")}
        </p>
        <Link href="/passwort-vergessen" className="text-sm text-brand-700 underline">
          {t("requestNew")}
        </Link>
      </div>
    );
  }
  const { state, errors } = form;
  if (state.status === "success" && state.data) {
    return <ResetPasswordForm token={token} view={state.data} action={completeAction} />;
  }
  const invalid = !!errors.token || (state.status === "error" && state.formError === t("linkInvalid"));
  return (
    <Form form={form} className="space-y-5">
      <p className="text-sm text-slate-600">{t("resetIntro")}</p>
      <FormMessage state={state} />
      {invalid && (
        <Link href="/passwort-vergessen" className="block text-sm text-brand-700 underline">
          {t("requestNew")}
        </Link>
      )}
      <input type="hidden" name="token" value={token} />
      <RobotCheck key={form.answer} errors={errors.altcha} />
      <SubmitButton pending={form.pending} pendingLabel={t("confirming")} className="w-full">
        {t("confirm")}
      </SubmitButton>
    </Form>
  );
}
