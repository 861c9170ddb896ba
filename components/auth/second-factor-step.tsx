"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { SubmitButton } from "@/components/form/buttons";
import { TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { ErrorNotice } from "@/components/form/notices";
import { secondaryButtonClass } from "@/components/form/styles";
import { type FormAction, useForm } from "@/components/form/use-form";
import { IDLE } from "@/lib/actions/action-state";

type Action = FormAction;
export type SecondFactorActions = { code: Action; keyOptions: Action; keyLogin: Action };

/** The login's second step: a code from the app or a recovery code, or a security key. */
export function SecondFactorStep({ actions, totp, webauthn }: { actions: SecondFactorActions; totp: boolean; webauthn: boolean }) {
  const t = useTranslations("mfa");
  const form = useForm(actions.code);
  const { state, errors } = form;
  const { state: keyState, dispatch: keyDispatch, pending: keyPending } = useForm(actions.keyLogin);
  const [keyError, setKeyError] = useState<string>();
  const formError =
    keyError ?? (keyState.status === "error" ? keyState.formError : undefined) ?? (state.status === "error" ? state.formError : undefined);

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
      keyDispatch(form);
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
      {formError && <ErrorNotice>{formError}</ErrorNotice>}
      <Form form={form} className="space-y-4">
        <TextField
          name="code"
          id="code"
          label={t("codeLabel")}
          errors={errors}
          autoComplete="one-time-code"
          autoFocus
          hint={t("codeHint")}
          inputClassName="font-mono tracking-widest"
        />
        <SubmitButton pending={form.pending} pendingLabel={t("checking")} className="w-full">
          {t("confirm")}
        </SubmitButton>
      </Form>
      {webauthn && (
        <button type="button" onClick={signInWithKey} disabled={keyPending} className={`w-full ${secondaryButtonClass}`}>
          {t("useKey")}
        </button>
      )}
      <p className="text-center text-sm">
        {/* A full reload drops the form state and starts again with the password. */}
        <a href="/login" className="text-brand-700 underline">
          {t("backToLogin")}
        </a>
      </p>
    </div>
  );
}
