"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useState } from "react";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { FieldError } from "@/components/form/field-error";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
export type SecondFactorActions = { code: Action; keyOptions: Action; keyLogin: Action };

const input = "mt-1 block w-full rounded border border-slate-300 px-3 py-2 font-mono tracking-widest focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100";

/** The login's second step: a code from the app or a recovery code, or a security key. */
export function SecondFactorStep({ actions, totp, webauthn }: { actions: SecondFactorActions; totp: boolean; webauthn: boolean }) {
  const t = useTranslations("mfa");
  const [state, formAction, pending] = useActionState(actions.code, IDLE);
  const [keyState, keyDispatch, keyPending] = useActionState(actions.keyLogin, IDLE);
  const [keyError, setKeyError] = useState<string>();
  const errors = state.status === "error" ? state.fieldErrors ?? {} : {};
  const formError = keyError ?? (keyState.status === "error" ? keyState.formError : undefined) ?? (state.status === "error" ? state.formError : undefined);

  async function signInWithKey() {
    setKeyError(undefined);
    const options = await actions.keyOptions(IDLE, new FormData());
    if (options.status !== "success" || !options.data?.options) {
      setKeyError(options.status === "error" ? options.formError : t("keyFailed"));
      return;
    }
    try {
      const response = await startAuthentication({ optionsJSON: JSON.parse(options.data.options) });
      const form = new FormData();
      form.set("response", JSON.stringify(response));
      startTransition(() => keyDispatch(form));
    } catch {
      setKeyError(t("keyCancelled"));
    }
  }

  return (
    <div className="space-y-5">
      <div>
        <h2 className="text-base font-semibold">{t("loginTitle")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t(totp && webauthn ? "loginIntroBoth" : totp ? "loginIntroCode" : "loginIntroKey")}</p>
      </div>
      {formError && (
        <div role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{formError}</div>
      )}
      <form action={formAction} className="space-y-4" noValidate>
        <div>
          <label htmlFor="code" className="block text-sm font-medium">{t("codeLabel")}</label>
          <input id="code" name="code" type="text" inputMode="text" autoComplete="one-time-code" autoFocus required className={input}
            aria-invalid={!!errors.code} aria-describedby="code-hint code-error" />
          <p id="code-hint" className="mt-1 text-xs text-slate-500">{t("codeHint")}</p>
          <FieldError id="code-error" messages={errors.code} />
        </div>
        <button type="submit" disabled={pending}
          className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? t("checking") : t("confirm")}
        </button>
      </form>
      {webauthn && (
        <button type="button" onClick={signInWithKey} disabled={keyPending}
          className="w-full rounded border border-brand-600 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60">
          {t("useKey")}
        </button>
      )}
      <p className="text-center text-sm">
        {/* A full reload drops the form state and starts again with the password. */}
        <a href="/login" className="text-brand-700 underline">{t("backToLogin")}</a>
      </p>
    </div>
  );
}
