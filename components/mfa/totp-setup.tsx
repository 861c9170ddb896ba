"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { SubmitButton } from "@/components/form/buttons";
import { CurrentPasswordField, TextField } from "@/components/form/fields";
import { Form } from "@/components/form/form";
import { buttonClass } from "@/components/form/styles";
import { type FormAction, useForm } from "@/components/form/use-form";
import { RecoveryCodesList } from "./recovery-codes-list";

type Action = FormAction;

/** Authenticator app: start → QR code and manual key → confirm with a first code → recovery codes. */
export function TotpSetup({
  start,
  confirm,
  refresh = true,
  next,
  needsPassword = false,
}: {
  start: Action;
  confirm: Action;
  refresh?: boolean;
  next?: { href: string; label: string };
  needsPassword?: boolean;
}) {
  const t = useTranslations("mfa");
  const router = useRouter();
  const startForm = useForm(start);
  const confirmForm = useForm(confirm);
  const { state: started } = startForm;
  const { state: confirmed, errors } = confirmForm;
  const done = confirmed.status === "success";
  useEffect(() => {
    if (done && refresh) router.refresh();
  }, [done, refresh, router]);
  const enrolment = started.status === "success" ? started.data : undefined;

  if (done) {
    return (
      <div className="space-y-3">
        <p role="status" className="text-sm text-green-800">
          {confirmed.message}
        </p>
        {confirmed.data?.codes && <RecoveryCodesList codes={confirmed.data.codes} />}
        {next && (
          // The way on, once the codes are seen: a button, not a link lost under the codes.
          <a href={next.href} className={`inline-block ${buttonClass}`}>
            {next.label}
          </a>
        )}
      </div>
    );
  }
  if (!enrolment?.factorId) {
    const startErrors = startForm.errors;
    return (
      <Form form={startForm} className="space-y-3">
        <p className="text-sm text-slate-600">{t("totpIntro")}</p>
        {needsPassword && (
          <CurrentPasswordField
            key={startForm.answer}
            name="password"
            id="totp-password"
            label={t("currentPassword")}
            errors={startErrors}
          />
        )}
        {started.status === "error" && !startErrors.password && (
          <p role="alert" className="text-sm text-red-700">
            {started.formError}
          </p>
        )}
        <SubmitButton pending={startForm.pending}>{t("totpStart")}</SubmitButton>
      </Form>
    );
  }
  return (
    <Form form={confirmForm} className="space-y-4">
      <p className="text-sm text-slate-600">{t("totpScan")}</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, no optimisation wanted */}
      <img src={enrolment.qr} alt={t("totpQrAlt")} width={220} height={220} className="rounded border border-slate-200" />
      <div>
        <p className="text-sm font-medium">{t("totpManualKey")}</p>
        <code className="mt-1 block break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm" data-testid="totp-secret">
          {enrolment.secret.replace(/(.{4})(?=.)/g, "$1 ")}
        </code>
      </div>
      <input type="hidden" name="factorId" value={enrolment.factorId} />
      <TextField name="label" id="totp-label" label={t("labelField")} errors={errors} maxLength={60} placeholder={t("totpDefaultLabel")} />
      {/* A refused code is of no further use (the app shows a new one every 30 s): the field starts empty after each answer. */}
      <TextField
        key={confirmForm.answer}
        name="code"
        id="totp-code"
        label={t("totpCodeLabel")}
        errors={errors}
        inputMode="numeric"
        autoComplete="one-time-code"
      />
      {confirmed.status === "error" && !errors.code && (
        <p role="alert" className="text-sm text-red-700">
          {confirmed.formError}
        </p>
      )}
      <SubmitButton pending={confirmForm.pending}>{t("totpConfirm")}</SubmitButton>
    </Form>
  );
}
