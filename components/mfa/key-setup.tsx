"use client";

import { startRegistration } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useState } from "react";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { FieldError } from "@/components/ui/field-error";
import { RecoveryCodesList } from "./recovery-codes-list";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
const input = "mt-1 block w-full rounded border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100";

/** Security key or platform authenticator: the browser creates the key pair, the server keeps the public key. */
export function KeySetup({ options, finish, refresh = true, next, needsPassword = false }: { options: Action; finish: Action; refresh?: boolean; next?: { href: string; label: string }; needsPassword?: boolean }) {
  const t = useTranslations("mfa");
  const router = useRouter();
  const [label, setLabel] = useState("");
  const [password, setPassword] = useState("");
  const [passwordError, setPasswordError] = useState<string[]>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [state, dispatch, finishing] = useActionState(finish, IDLE);
  const done = state.status === "success";
  useEffect(() => {
    if (done && refresh) router.refresh();
  }, [done, refresh, router]);

  async function register() {
    setError(undefined);
    setPasswordError(undefined);
    setBusy(true);
    try {
      const request = new FormData();
      if (needsPassword) request.set("password", password);
      const answer = await options(IDLE, request);
      if (answer.status !== "success" || !answer.data?.options) {
        if (answer.status === "error" && answer.fieldErrors?.password) setPasswordError(answer.fieldErrors.password);
        else setError(answer.status === "error" ? answer.formError : t("keyFailed"));
        return;
      }
      const response = await startRegistration({ optionsJSON: JSON.parse(answer.data.options) });
      const form = new FormData();
      form.set("response", JSON.stringify(response));
      form.set("label", label);
      startTransition(() => dispatch(form));
    } catch {
      setError(t("keyCancelled"));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="space-y-3">
        <p role="status" className="text-sm text-green-800">{state.message}</p>
        {state.data?.codes && <RecoveryCodesList codes={state.data.codes} />}
        {next && <a href={next.href} className="inline-block font-medium text-brand-700 underline">{next.label}</a>}
      </div>
    );
  }
  const shownError = error ?? (state.status === "error" ? state.formError : undefined);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t("keyIntro")}</p>
      <div>
        <label htmlFor="key-label" className="block text-sm font-medium">{t("labelField")}</label>
        <input id="key-label" type="text" maxLength={60} value={label} onChange={(e) => setLabel(e.target.value)}
          placeholder={t("keyDefaultLabel")} className={input} />
      </div>
      {needsPassword && (
        <div>
          <label htmlFor="key-password" className="block text-sm font-medium">{t("currentPassword")}</label>
          <input id="key-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)}
            aria-invalid={!!passwordError} aria-describedby="key-password-error" className={input} />
          <FieldError id="key-password-error" messages={passwordError} />
        </div>
      )}
      {shownError && <p role="alert" className="text-sm text-red-700">{shownError}</p>}
      <button type="button" onClick={register} disabled={busy || finishing}
        className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {t("keyAdd")}
      </button>
    </div>
  );
}
