"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { LOGIN_AREAS } from "@/lib/auth/login-areas";
import { FieldError } from "@/components/form/field-error";
import { SecondFactorStep, type SecondFactorActions } from "./second-factor-step";

type Props = { action: (state: ActionState, formData: FormData) => Promise<ActionState>; secondFactor: SecondFactorActions };

const AREA_LABELS = {
  ksc: ["areaKsc", "areaKscHint"],
  mailadmin: ["areaMailadmin", "areaMailadminHint"],
  mailbox: ["areaMailbox", "areaMailboxHint"],
} as const;

const input = "mt-1 block w-full rounded border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100";

export function LoginForm({ action, secondFactor }: Props) {
  const t = useTranslations("login");
  const [state, formAction, pending] = useActionState(action, IDLE);
  if (state.status === "success" && state.data?.step === "secondFactor") {
    return <SecondFactorStep actions={secondFactor} totp={state.data.totp === "1"} webauthn={state.data.webauthn === "1"} />;
  }
  const errors = state.status === "error" ? state.fieldErrors ?? {} : {};
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.status === "error" && state.formError && (
        <div role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.formError}
        </div>
      )}
      <div>
        <label htmlFor="identifier" className="block text-sm font-medium">{t("identifier")}</label>
        <input id="identifier" name="identifier" type="text" autoComplete="username" required className={input}
          aria-invalid={!!errors.identifier} aria-describedby="identifier-hint identifier-error" />
        <p id="identifier-hint" className="mt-1 text-xs text-slate-500">{t("identifierHint")}</p>
        <FieldError id="identifier-error" messages={errors.identifier} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={input}
          aria-invalid={!!errors.password} aria-describedby="password-error" />
        <FieldError id="password-error" messages={errors.password} />
      </div>
      <fieldset aria-describedby="area-error">
        <legend className="text-sm font-medium">{t("area")}</legend>
        <div className="mt-2 space-y-2">
          {LOGIN_AREAS.map((area, i) => (
            <label key={area} className="flex items-start gap-2 text-sm">
              <input type="radio" name="area" value={area} defaultChecked={i === 0} className="mt-1" />
              <span>
                <span className="font-medium">{t(AREA_LABELS[area][0])}</span>
                <span className="block text-xs text-slate-500">{t(AREA_LABELS[area][1])}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id="area-error" messages={errors.area} />
      </fieldset>
      <button type="submit" disabled={pending}
        className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? t("submitting") : t("submit")}
      </button>
      <p className="text-center text-sm">
        <Link href="/passwort-vergessen" className="text-brand-700 underline">{t("forgot")}</Link>
      </p>
    </form>
  );
}
