"use client";

import type { FieldErrors } from "@/lib/actions/action-state";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { generatePassword } from "@/lib/password/generate";
import { assessPassword, STRENGTH_LEVELS, type StrengthLevel } from "@/lib/password/policy";
import { FieldError } from "./field-error";
import { useSkin } from "./skin";
import { hintClass, labelClass } from "./styles";
import { StrengthMeter } from "./strength-meter";
import { usePasswordPolicy } from "./use-password-policy";

type Props = {
  errors?: FieldErrors;
  /** Names the password must not contain (login, address), as the server checks them. */
  names?: string[];
  confirmLabel?: "confirmPassword" | "repeatPassword";
};

const DEFAULT_OPTIONS = { requireClasses: false };

/**
 * "Neues Passwort" and its confirmation with the five-level meter, "Generieren" (fills both fields)
 * and "Anzeigen". The meter runs the server's policy (assessPassword with the same list and
 * options), so it never calls a password acceptable that saving would refuse. Callers key this
 * component on useForm's `answer`: passwords are never kept after the server answered.
 */
export function PasswordFields({ errors = {}, names = [], confirmLabel = "confirmPassword" }: Props) {
  const t = useTranslations("password");
  const skin = useSkin();
  const id = useId();
  const [value, setValue] = useState("");
  const [confirm, setConfirm] = useState("");
  const [visible, setVisible] = useState(false);
  const [generated, setGenerated] = useState(false);
  const policy = usePasswordPolicy(value !== "");
  const verdict = meterVerdict(value, names, policy);
  const type = visible ? "text" : "password";
  const input = `${skin.input} font-mono`;

  return (
    <div className="space-y-4">
      <div>
        <label htmlFor={`${id}-new`} className={labelClass}>
          {t("newPassword")}
        </label>
        <input
          id={`${id}-new`}
          name="newPassword"
          type={type}
          autoComplete="new-password"
          value={value}
          className={input}
          onChange={(e) => {
            setValue(e.target.value);
            setGenerated(false);
          }}
          aria-invalid={!!errors.newPassword}
          aria-describedby={`${id}-hint ${id}-meter ${id}-new-error`}
        />
        <StrengthMeter
          id={`${id}-meter`}
          level={verdict.level}
          label={t("strength")}
          text={verdict.level === null ? "" : t(`levels.${STRENGTH_LEVELS[verdict.level]}`)}
          reasons={errors.newPassword ? [] : verdict.errors.map((e) => t(`errors.${e}`))}
        />
        <p id={`${id}-hint`} className={hintClass}>
          {t("hint")}
        </p>
        <FieldError id={`${id}-new-error`} messages={errors.newPassword} />
      </div>
      <div>
        <label htmlFor={`${id}-confirm`} className={labelClass}>
          {t(confirmLabel)}
        </label>
        <input
          id={`${id}-confirm`}
          name="confirmPassword"
          type={type}
          autoComplete="new-password"
          value={confirm}
          className={input}
          onChange={(e) => setConfirm(e.target.value)}
          aria-invalid={!!errors.confirmPassword}
          aria-describedby={`${id}-confirm-error`}
        />
        <FieldError id={`${id}-confirm-error`} messages={errors.confirmPassword} />
      </div>
      <div className="flex gap-2">
        <button
          type="button"
          className={skin.secondary}
          onClick={() => {
            const pw = generatePassword();
            setValue(pw);
            setConfirm(pw);
            setVisible(true);
            setGenerated(true);
          }}
        >
          {t("generate")}
        </button>
        <button type="button" aria-pressed={visible} className={skin.secondary} onClick={() => setVisible((v) => !v)}>
          {visible ? t("hide") : t("show")}
        </button>
      </div>
      {generated && (
        <p role="status" className="text-sm text-slate-600">
          {t("generated")}
        </p>
      )}
    </div>
  );
}

/**
 * Before the server's list has arrived, a password that the rules alone refuse already gets its low
 * level and reasons; one they accept gets no level yet (it might still be a common one).
 */
export function meterVerdict(value: string, names: string[], policy: ReturnType<typeof usePasswordPolicy>) {
  if (!value) return { level: null, errors: [] };
  const verdict = assessPassword(value, { names }, policy?.options ?? DEFAULT_OPTIONS, policy?.common);
  if (!policy && !verdict.errors.length) return { level: null, errors: [] };
  return verdict as { level: StrengthLevel | null; errors: typeof verdict.errors };
}
