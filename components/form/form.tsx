"use client";

import { type ReactNode, type SubmitEvent, useEffect, useRef, useState } from "react";
import { ConfirmDialog } from "./confirm-dialog";
import { PanelSkin } from "./skin";
import type { KitForm } from "./use-form";

type Props = {
  form: KitForm;
  children: ReactNode;
  className?: string;
  /** Asks first ("Abbrechen" / "OK") and posts only after OK. */
  confirm?: string;
  skin?: "app" | "panel";
  "aria-label"?: string;
};

/**
 * Every client form of Kontor: posts through useForm's action without React's reset (what the user
 * typed stays beside the errors), without the browser's untranslated bubbles, and optionally behind
 * the confirm dialog. After a refusal the first marked field (or else the emptied password) gets the
 * focus, so keyboard and screen reader users land on the problem instead of at the top of the page.
 */
export function Form({ form, children, className, confirm, skin = "app", ...rest }: Props) {
  const [asking, setAsking] = useState<FormData | null>(null);
  const ref = useRef<HTMLFormElement>(null);
  const refused = form.state.status === "error";
  useEffect(() => {
    if (!refused) return;
    // Without a marked field (a failed login), the password to retype: passwords never stay.
    const root = ref.current;
    (root?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root?.querySelector<HTMLElement>('input[type="password"]'))?.focus();
  }, [form.answer, refused]);
  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = formDataOf(event);
    if (confirm) setAsking(data);
    else form.dispatch(data);
  };
  const body = (
    <form ref={ref} action={form.formProps.action} onSubmit={onSubmit} noValidate className={className} aria-label={rest["aria-label"]}>
      {children}
      {asking && confirm && (
        <ConfirmDialog
          message={confirm}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            form.dispatch(asking);
            setAsking(null);
          }}
        />
      )}
    </form>
  );
  return skin === "panel" ? <PanelSkin>{body}</PanelSkin> : body;
}

/** The form's fields plus the name and value of the button that submitted it (status buttons). */
export function formDataOf(event: SubmitEvent<HTMLFormElement>): FormData {
  const submitter = event.nativeEvent.submitter;
  const data = new FormData(event.currentTarget);
  if (submitter instanceof HTMLButtonElement && submitter.name) data.set(submitter.name, submitter.value);
  return data;
}
