"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { FieldError } from "@/components/ui/field-error";
import { RecoveryCodesList } from "./recovery-codes-list";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
const input = "mt-1 block w-full rounded border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100";
const button = "rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

/** Authenticator app: start → QR code and manual key → confirm with a first code → recovery codes. */
export function TotpSetup({ start, confirm, refresh = true, next, needsPassword = false }: { start: Action; confirm: Action; refresh?: boolean; next?: { href: string; label: string }; needsPassword?: boolean }) {
  const t = useTranslations("mfa");
  const router = useRouter();
  const [started, startAction, starting] = useActionState(start, IDLE);
  const [confirmed, confirmAction, confirming] = useActionState(confirm, IDLE);
  const done = confirmed.status === "success";
  useEffect(() => {
    if (done && refresh) router.refresh();
  }, [done, refresh, router]);
  const errors = confirmed.status === "error" ? confirmed.fieldErrors ?? {} : {};
  const enrolment = started.status === "success" ? started.data : undefined;

  if (done) {
    return (
      <div className="space-y-3">
        <p role="status" className="text-sm text-green-800">{confirmed.message}</p>
        {confirmed.data?.codes && <RecoveryCodesList codes={confirmed.data.codes} />}
        {next && <a href={next.href} className="inline-block font-medium text-brand-700 underline">{next.label}</a>}
      </div>
    );
  }
  if (!enrolment?.factorId) {
    const startErrors = started.status === "error" ? started.fieldErrors ?? {} : {};
    return (
      <form action={startAction} className="space-y-3" noValidate>
        <p className="text-sm text-slate-600">{t("totpIntro")}</p>
        {needsPassword && (
          <div>
            <label htmlFor="totp-password" className="block text-sm font-medium">{t("currentPassword")}</label>
            <input id="totp-password" name="password" type="password" autoComplete="current-password" className={input}
              aria-invalid={!!startErrors.password} aria-describedby="totp-password-error" />
            <FieldError id="totp-password-error" messages={startErrors.password} />
          </div>
        )}
        {started.status === "error" && !startErrors.password && <p role="alert" className="text-sm text-red-700">{started.formError}</p>}
        <button type="submit" disabled={starting} className={button}>{t("totpStart")}</button>
      </form>
    );
  }
  return (
    <form action={confirmAction} className="space-y-4" noValidate>
      <p className="text-sm text-slate-600">{t("totpScan")}</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, no optimisation wanted */}
      <img src={enrolment.qr} alt={t("totpQrAlt")} width={220} height={220} className="rounded border border-slate-200" />
      <div>
        <p className="text-sm font-medium">{t("totpManualKey")}</p>
        <code className="mt-1 block break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm" data-testid="totp-secret">{enrolment.secret.replace(/(.{4})(?=.)/g, "$1 ")}</code>
      </div>
      <input type="hidden" name="factorId" value={enrolment.factorId} />
      <div>
        <label htmlFor="totp-label" className="block text-sm font-medium">{t("labelField")}</label>
        <input id="totp-label" name="label" type="text" maxLength={60} placeholder={t("totpDefaultLabel")} className={input} />
      </div>
      <div>
        <label htmlFor="totp-code" className="block text-sm font-medium">{t("totpCodeLabel")}</label>
        <input id="totp-code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" required className={input}
          aria-invalid={!!errors.code} aria-describedby="totp-code-error" />
        <FieldError id="totp-code-error" messages={errors.code} />
      </div>
      {confirmed.status === "error" && !errors.code && <p role="alert" className="text-sm text-red-700">{confirmed.formError}</p>}
      <button type="submit" disabled={confirming} className={button}>{t("totpConfirm")}</button>
    </form>
  );
}
