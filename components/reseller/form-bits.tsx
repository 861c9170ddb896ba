"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, startTransition, useId, useState } from "react";
import { FieldError } from "@/components/ui/field-error";
import type { ActionState } from "@/lib/actions/action-state";

export const inputClass =
  "mt-1 block w-full rounded border border-slate-300 px-3 py-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100";
export const buttonClass = "rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
export const secondaryButtonClass = "rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60";

/**
 * React 19 clears a form after its action ran, which would wipe what the user typed when the server
 * answers with field errors. Submitting through a transition keeps the entries.
 */
export function submitWithoutReset(formAction: (formData: FormData) => void, confirm?: string) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirm && !window.confirm(confirm)) return;
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };
}

export const fieldErrorsOf = (state: ActionState) => (state.status === "error" ? state.fieldErrors ?? {} : {});

/** The form-level answer: error (with messages that belong to no single field) or success. */
export function FormMessage({ state, generalFields = ["form", "limits"] }: { state: ActionState; generalFields?: string[] }) {
  if (state.status === "error") {
    const extra = generalFields.flatMap((f) => state.fieldErrors?.[f] ?? []);
    return (
      <div role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        {state.formError && <p>{state.formError}</p>}
        {extra.length > 0 && <ul className="mt-1 list-disc pl-5">{extra.map((m) => <li key={m}>{m}</li>)}</ul>}
      </div>
    );
  }
  if (state.status === "success" && state.message) {
    return <p role="status" className="rounded border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">{state.message}</p>;
  }
  return null;
}

type FieldProps = {
  name: string;
  label: string;
  errors: Record<string, string[]>;
  defaultValue?: string | number | null;
  type?: string;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "email";
  children?: ReactNode;
};

/** Label, input, hint and the field's own error, wired with aria-describedby. */
export function TextField({ name, label, errors, defaultValue, type = "text", hint, required, autoComplete, inputMode }: FieldProps) {
  const id = `${useId()}-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}{required && <span aria-hidden="true"> *</span>}</label>
      <input id={id} name={name} type={type} defaultValue={defaultValue ?? ""} className={inputClass} autoComplete={autoComplete ?? "off"} inputMode={inputMode}
        aria-invalid={!!errors[name]} aria-describedby={`${id}-hint ${id}-error`} />
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
      <FieldError id={`${id}-error`} messages={errors[name]} />
    </div>
  );
}

export function SelectField({ name, label, errors, defaultValue, options }: Omit<FieldProps, "type"> & { options: { value: string; label: string }[] }) {
  const id = `${useId()}-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <select id={id} name={name} defaultValue={defaultValue ?? undefined} className={inputClass} aria-invalid={!!errors[name]} aria-describedby={`${id}-error`}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <FieldError id={`${id}-error`} messages={errors[name]} />
    </div>
  );
}

export function CheckboxField({ name, label, defaultChecked }: { name: string; label: string; defaultChecked?: boolean }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} />
      {label}
    </label>
  );
}

/**
 * A password or other secret shown exactly once, right after it was generated, with a copy button.
 * It lives only in this component's state: leaving or reloading the page loses it for good.
 */
export function OneTimeSecret({ title, login, secret }: { title: string; login: string; secret: string }) {
  const t = useTranslations("orders");
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="one-time-secret">
      <p className="font-semibold">{title}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt>{t("login")}</dt><dd className="font-mono">{login}</dd>
        <dt>{t("password")}</dt><dd className="font-mono break-all" data-testid="one-time-password">{secret}</dd>
      </dl>
      <button type="button" className={`${secondaryButtonClass} mt-3 bg-white`}
        onClick={async () => { await navigator.clipboard?.writeText(secret).catch(() => undefined); setCopied(true); }}>
        {copied ? t("copied") : t("copy")}
      </button>
      <p className="mt-2 text-amber-900">{t("shownOnce")}</p>
    </div>
  );
}
