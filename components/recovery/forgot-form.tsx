"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { RobotCheck } from "@/components/robot-check/robot-check";
import { FieldError } from "@/components/ui/field-error";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { LOGIN_AREAS } from "@/lib/auth/login-areas";
import { buttonClass, fieldErrors, FormMessage, inputClass, submitWithoutReset, useRemountKey } from "@/components/ui/form-bits";

type Props = { action: (state: ActionState, formData: FormData) => Promise<ActionState> };

const AREA_LABELS = { ksc: "areaKsc", mailadmin: "areaMailadmin", mailbox: "areaMailbox" } as const;

/** "Passwort vergessen?": Loginbereich, account name and the robot check, like the login form. */
export function ForgotForm({ action }: Props) {
  const t = useTranslations("recovery");
  const tl = useTranslations("login");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [identifier, setIdentifier] = useState("");
  const [area, setArea] = useState<string>("ksc");
  const robotKey = useRemountKey(state);
  const errors = fieldErrors(state);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <fieldset aria-describedby="area-error">
        <legend className="text-sm font-medium">{tl("area")}</legend>
        <div className="mt-2 space-y-2">
          {LOGIN_AREAS.map((a) => (
            <label key={a} className="flex items-center gap-2 text-sm">
              <input type="radio" name="area" value={a} checked={area === a} onChange={() => setArea(a)} />
              <span className="font-medium">{tl(AREA_LABELS[a])}</span>
            </label>
          ))}
        </div>
        <FieldError id="area-error" messages={errors.area} />
      </fieldset>
      <div>
        <label htmlFor="identifier" className="block text-sm font-medium">{t("identifier")}</label>
        <input id="identifier" name="identifier" type="text" autoComplete="username" value={identifier} className={inputClass}
          onChange={(e) => setIdentifier(e.target.value)} aria-invalid={!!errors.identifier} aria-describedby="identifier-hint identifier-error" />
        <p id="identifier-hint" className="mt-1 text-xs text-slate-500">{area === "mailbox" ? t("mailboxNote") : t("identifierHint")}</p>
        <FieldError id="identifier-error" messages={errors.identifier} />
      </div>
      <RobotCheck key={robotKey} errors={errors.altcha} />
      <button type="submit" disabled={pending} className={`w-full ${buttonClass}`}>
        {pending ? t("submitting") : t("submit")}
      </button>
      <p className="text-center text-sm">
        <Link href="/login" className="text-brand-700 underline">{t("backToLogin")}</Link>
      </p>
    </form>
  );
}
