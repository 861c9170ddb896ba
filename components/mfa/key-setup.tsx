"use client";

import { startRegistration } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { TextField } from "@/components/form/fields";
import { buttonClass } from "@/components/form/styles";
import { type FormAction, useForm } from "@/components/form/use-form";
import { IDLE } from "@/lib/actions/action-state";
import { RecoveryCodesList } from "./recovery-codes-list";

type Action = FormAction;

/** Security key or platform authenticator: the browser creates the key pair, the server keeps the public key. */
export function KeySetup({
  options,
  finish,
  refresh = true,
  next,
  needsPassword = false,
}: {
  options: Action;
  finish: Action;
  refresh?: boolean;
  next?: { href: string; label: string };
  needsPassword?: boolean;
}) {
  const t = useTranslations("mfa");
  const router = useRouter();
  const [label, setLabel] = useState("");
  const [password, setPassword] = useState("");
  const [passwordError, setPasswordError] = useState<string[]>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const { state, dispatch, pending: finishing } = useForm(finish);
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
      dispatch(form);
    } catch {
      setError(t("keyCancelled"));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="space-y-3">
        <p role="status" className="text-sm text-green-800">
          {state.message}
        </p>
        {state.data?.codes && <RecoveryCodesList codes={state.data.codes} />}
        {next && (
          <a href={next.href} className="inline-block font-medium text-brand-700 underline">
            {next.label}
          </a>
        )}
      </div>
    );
  }
  const shownError = error ?? (state.status === "error" ? state.formError : undefined);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t("keyIntro")}</p>
      {/* Not a posted form: the browser's key ceremony sits between the two requests. */}
      <TextField
        name="label"
        id="key-label"
        label={t("labelField")}
        errors={{}}
        maxLength={60}
        value={label}
        onChange={setLabel}
        placeholder={t("keyDefaultLabel")}
      />
      {needsPassword && (
        <TextField
          name="password"
          id="key-password"
          type="password"
          autoComplete="current-password"
          label={t("currentPassword")}
          errors={passwordError ? { password: passwordError } : {}}
          value={password}
          onChange={setPassword}
        />
      )}
      {shownError && (
        <p role="alert" className="text-sm text-red-700">
          {shownError}
        </p>
      )}
      <button type="button" onClick={register} disabled={busy || finishing} className={buttonClass}>
        {t("keyAdd")}
      </button>
    </div>
  );
}
