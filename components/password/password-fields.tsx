"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { generatePassword } from "@/lib/password/generate";
import { estimateStrength, STRENGTH_LEVELS } from "@/lib/password/policy";
import { StrengthMeter } from "./strength-meter";

type Props = {
  errors?: Record<string, string[]>;
  /** Names the password must not contain, so the meter matches the server's verdict. */
  names?: string[];
  confirmLabel?: "confirmPassword" | "repeatPassword";
};

/**
 * "Neues Passwort" and its confirmation with the five-level meter, "Generieren" (fills both fields)
 * and "Anzeigen". The server re-checks everything; this only helps the user get it right first.
 */
export function PasswordFields({ errors = {}, names = [], confirmLabel = "confirmPassword" }: Props) {
  const t = useTranslations("password");
  const id = useId();
  const [value, setValue] = useState("");
  const [confirm, setConfirm] = useState("");
  const [visible, setVisible] = useState(false);
  const [generated, setGenerated] = useState(false);
  const level = estimateStrength(value, { names });
  const input = "mt-1 block w-full rounded border border-slate-300 px-3 py-2 font-mono focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100";
  const type = visible ? "text" : "password";

  return (
    <div className="space-y-4">
      <div>
        <label htmlFor={`${id}-new`} className="block text-sm font-medium">{t("newPassword")}</label>
        <input id={`${id}-new`} name="newPassword" type={type} autoComplete="new-password" value={value} className={input}
          onChange={(e) => { setValue(e.target.value); setGenerated(false); }}
          aria-invalid={!!errors.newPassword} aria-describedby={`${id}-hint ${id}-meter ${id}-new-error`} />
        <StrengthMeter id={`${id}-meter`} level={value ? level : null} label={t("strength")} text={t(`levels.${STRENGTH_LEVELS[level]}`)} />
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{t("hint")}</p>
        <FieldError id={`${id}-new-error`} messages={errors.newPassword} />
      </div>
      <div>
        <label htmlFor={`${id}-confirm`} className="block text-sm font-medium">{t(confirmLabel)}</label>
        <input id={`${id}-confirm`} name="confirmPassword" type={type} autoComplete="new-password" value={confirm} className={input}
          onChange={(e) => setConfirm(e.target.value)}
          aria-invalid={!!errors.confirmPassword} aria-describedby={`${id}-confirm-error`} />
        <FieldError id={`${id}-confirm-error`} messages={errors.confirmPassword} />
      </div>
      <div className="flex gap-2">
        <button type="button" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
          onClick={() => { const pw = generatePassword(); setValue(pw); setConfirm(pw); setVisible(true); setGenerated(true); }}>
          {t("generate")}
        </button>
        <button type="button" aria-pressed={visible} className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
          onClick={() => setVisible((v) => !v)}>
          {visible ? t("hide") : t("show")}
        </button>
      </div>
      {generated && <p role="status" className="text-sm text-slate-600">{t("generated")}</p>}
    </div>
  );
}
