"use client";

import { type ReactNode, useId } from "react";
import type { FieldErrors } from "@/lib/actions/action-state";
import { FieldError } from "./field-error";
import { useSkin } from "./skin";
import { hintClass, labelClass } from "./styles";

type Errors = FieldErrors;

export type ShellProps = {
  name: string;
  label: ReactNode;
  errors: Errors;
  hint?: ReactNode;
  required?: boolean;
  /** A fixed id (for links and tests); by default one is made per form instance. */
  id?: string;
  /** Extra messages shown with this field's own (a second field sharing the line, such as the domain). */
  alsoErrors?: string[];
  className?: string;
  srOnlyLabel?: boolean;
};

type Ids = { id: string; describedBy: string; invalid: boolean };

/** Label, control, hint and the field's own error, wired with aria-describedby and aria-invalid. */
export function FieldShell({
  name,
  label,
  errors,
  hint,
  required,
  id: fixedId,
  alsoErrors,
  className,
  srOnlyLabel,
  control,
}: ShellProps & { control: (ids: Ids) => ReactNode }) {
  const generated = `${useId()}-${name}`;
  const id = fixedId ?? generated;
  const messages = [...(errors[name] ?? []), ...(alsoErrors ?? [])];
  const describedBy = [hint ? `${id}-hint` : "", `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className={className}>
      <label htmlFor={id} className={srOnlyLabel ? "sr-only" : labelClass}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {control({ id, describedBy, invalid: messages.length > 0 })}
      {hint && (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} messages={messages} />
    </div>
  );
}

type InputProps = ShellProps & {
  /** Days: DateField (date-field.tsx), never the browser's date input. */
  type?: "text" | "email" | "password" | "search" | "url";
  defaultValue?: string | number | null;
  value?: string;
  onChange?: (value: string) => void;
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "email";
  placeholder?: string;
  maxLength?: number;
  inputClassName?: string;
  autoFocus?: boolean;
};

export function TextField({
  type = "text",
  defaultValue,
  value,
  onChange,
  autoComplete,
  inputMode,
  placeholder,
  maxLength,
  inputClassName,
  autoFocus,
  ...shell
}: InputProps) {
  const skin = useSkin();
  return (
    <FieldShell
      {...shell}
      control={({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={shell.name}
          type={type}
          className={`${skin.input} ${inputClassName ?? ""}`}
          autoComplete={autoComplete ?? "off"}
          inputMode={inputMode}
          placeholder={placeholder}
          maxLength={maxLength}
          autoFocus={autoFocus}
          {...(value !== undefined
            ? { value, onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange?.(e.target.value) }
            : { defaultValue: defaultValue ?? "" })}
          aria-invalid={invalid}
          aria-describedby={describedBy}
        />
      )}
    />
  );
}

/**
 * The current password (or any secret the user types to confirm). Never kept after an answer: the
 * caller keys it on useForm's `answer`, so a wrong one is not left in the field.
 */
export function CurrentPasswordField(props: Omit<InputProps, "type" | "defaultValue" | "value" | "onChange">) {
  return <TextField autoComplete="current-password" {...props} type="password" />;
}

export function TextAreaField({
  defaultValue,
  value,
  onChange,
  rows = 4,
  maxLength,
  inputClassName,
  placeholder,
  ...shell
}: Omit<InputProps, "type" | "autoComplete" | "inputMode"> & { rows?: number }) {
  const skin = useSkin();
  return (
    <FieldShell
      {...shell}
      control={({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          name={shell.name}
          rows={rows}
          maxLength={maxLength}
          placeholder={placeholder}
          className={`${skin.input} ${inputClassName ?? ""}`}
          {...(value !== undefined
            ? { value, onChange: (e: React.ChangeEvent<HTMLTextAreaElement>) => onChange?.(e.target.value) }
            : { defaultValue: defaultValue ?? "" })}
          aria-invalid={invalid}
          aria-describedby={describedBy}
        />
      )}
    />
  );
}

type Option = { value: string; label: string; disabled?: boolean };

export function SelectField({
  options,
  defaultValue,
  value,
  onChange,
  inputClassName,
  ...shell
}: ShellProps & {
  options: Option[];
  defaultValue?: string | number | null;
  value?: string;
  onChange?: (value: string) => void;
  inputClassName?: string;
}) {
  const skin = useSkin();
  return (
    <FieldShell
      {...shell}
      control={({ id, describedBy, invalid }) => (
        <select
          id={id}
          name={shell.name}
          className={`${skin.input} ${inputClassName ?? ""}`}
          {...(value !== undefined
            ? { value, onChange: (e: React.ChangeEvent<HTMLSelectElement>) => onChange?.(e.target.value) }
            : { defaultValue: defaultValue ?? undefined })}
          aria-invalid={invalid}
          aria-describedby={describedBy}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** A tick box with its label on the right; its error (if any) below. */
export function CheckboxField({
  name,
  label,
  errors = {},
  defaultChecked,
  checked,
  onChange,
  value,
  hint,
  labelClassName,
}: {
  name: string;
  label: ReactNode;
  errors?: Errors;
  defaultChecked?: boolean;
  checked?: boolean;
  onChange?: (checked: boolean) => void;
  value?: string;
  hint?: ReactNode;
  labelClassName?: string;
}) {
  const id = `${useId()}-${name}`;
  const messages = errors[name];
  return (
    <div>
      <label className={labelClassName ?? "flex items-center gap-2 text-sm"}>
        <input
          type="checkbox"
          name={name}
          value={value}
          className="h-4 w-4"
          {...(checked !== undefined
            ? { checked, onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange?.(e.target.checked) }
            : { defaultChecked })}
          aria-invalid={!!messages?.length}
          aria-describedby={`${hint ? `${id}-hint ` : ""}${id}-error`}
        />
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} messages={messages} />
    </div>
  );
}

/** Radio buttons in a fieldset whose legend names the choice; the error sits below the group. */
export function RadioGroupField({
  name,
  legend,
  errors = {},
  options,
  value,
  onChange,
  defaultValue,
  id: fixedId,
}: {
  name: string;
  legend: ReactNode;
  errors?: Errors;
  options: { value: string; label: ReactNode; hint?: ReactNode }[];
  value?: string;
  onChange?: (value: string) => void;
  defaultValue?: string;
  id?: string;
}) {
  const generated = `${useId()}-${name}`;
  const id = fixedId ?? generated;
  return (
    <fieldset aria-describedby={`${id}-error`}>
      <legend className={labelClass}>{legend}</legend>
      <div className="mt-2 space-y-2">
        {options.map((o) => (
          <label key={o.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name={name}
              value={o.value}
              className="mt-1"
              {...(value !== undefined
                ? { checked: value === o.value, onChange: () => onChange?.(o.value) }
                : { defaultChecked: defaultValue === o.value })}
            />
            <span>
              <span className="font-medium">{o.label}</span>
              {o.hint && <span className="block text-xs text-slate-500">{o.hint}</span>}
            </span>
          </label>
        ))}
      </div>
      <FieldError id={`${id}-error`} messages={errors[name]} />
    </fieldset>
  );
}
