"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { LOGIN_AREAS, type LoginArea } from "@/lib/auth/login-areas";
import { RobotCheck } from "@/components/robot-check/robot-check";
import { FieldError } from "@/components/form/field-error";
import { Form } from "@/components/form/form";
import { CurrentPasswordField, TextField } from "@/components/form/fields";
import { FormMessage } from "@/components/form/notices";
import { useForm } from "@/components/form/use-form";
import { SecondFactorStep, type SecondFactorActions } from "./second-factor-step";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  secondFactor: SecondFactorActions;
  /** Many logins failed from this address: ask for the robot check from the start. */
  robotCheck?: boolean;
};

const AREA_LABELS = {
  ksc: ["areaKsc", "areaKscHint"],
  mailadmin: ["areaMailadmin", "areaMailadminHint"],
  mailbox: ["areaMailbox", "areaMailboxHint"],
} as const;

/**
 * After a failed login the address and the Loginbereich stay as chosen, so retyping the password is
 * enough; the password field starts empty after every answer (keyed on the kit's answer count) and
 * is never sent back by the server.
 */
export function LoginForm({ action, secondFactor, robotCheck = false }: Props) {
  const t = useTranslations("login");
  const form = useForm(action);
  const { state, errors, answer, pending } = form;
  const [identifier, setIdentifier] = useState("");
  const [area, setArea] = useState<LoginArea>(LOGIN_AREAS[0]);
  // Once asked for, the robot check stays: every further attempt from this address needs it.
  const [showRobot, setShowRobot] = useState(robotCheck);
  if (errors.altcha && !showRobot) setShowRobot(true);
  if (state.status === "success" && state.data?.step === "secondFactor") {
    return <SecondFactorStep actions={secondFactor} totp={state.data.totp === "1"} webauthn={state.data.webauthn === "1"} />;
  }
  // The intro belongs to the first step only; the second step says what it wants itself.
  return (
    <>
      <p className="mb-5 text-sm text-slate-600">{t("intro")}</p>
      <Form form={form} className="space-y-5">
        <FormMessage state={state} />
        <TextField
          id="identifier"
          name="identifier"
          label={t("identifier")}
          hint={t("identifierHint")}
          errors={errors}
          autoComplete="username"
          value={identifier}
          onChange={setIdentifier}
        />
        <CurrentPasswordField key={`password-${String(answer)}`} id="password" name="password" label={t("password")} errors={errors} />
        <fieldset aria-describedby="area-error">
          <legend className="text-sm font-medium">{t("area")}</legend>
          <div className="mt-2 space-y-2">
            {LOGIN_AREAS.map((a) => (
              <label key={a} className="flex items-start gap-2 text-sm">
                <input type="radio" name="area" value={a} checked={area === a} onChange={() => setArea(a)} className="mt-1" />
                <span>
                  <span className="font-medium">{t(AREA_LABELS[a][0])}</span>
                  <span className="block text-xs text-slate-500">{t(AREA_LABELS[a][1])}</span>
                </span>
              </label>
            ))}
          </div>
          <FieldError id="area-error" messages={errors.area} />
        </fieldset>
        {/* Keys unique among the form's children: with the same key for both, React kept every earlier
            password field, and from the second refusal on the form posted several passwords. */}
        {showRobot && <RobotCheck key={`robot-${String(answer)}`} errors={errors.altcha} />}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? t("submitting") : t("submit")}
        </button>
        <p className="text-center text-sm">
          <Link href="/passwort-vergessen" className="text-brand-700 underline">
            {t("forgot")}
          </Link>
        </p>
      </Form>
    </>
  );
}
