"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { FieldError } from "@/components/ui/field-error";
import { IDLE } from "@/lib/actions/action-state";
import { buttonClass, type FormAction, FormStatus, inputClass } from "./form-status";

/** A reply in the conversation; the text area empties after a successful send. */
export function ReplyForm({ action, ticketId }: { action: FormAction; ticketId: number }) {
  const t = useTranslations("tickets");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === "success") form.current?.reset();
  }, [state]);
  const errors = state.status === "error" ? state.fieldErrors ?? {} : {};
  return (
    <form ref={form} action={formAction} className="space-y-3" noValidate>
      <FormStatus state={state} />
      <input type="hidden" name="ticketId" value={ticketId} />
      <div>
        <label htmlFor="reply" className="block text-sm font-medium">{t("reply")}</label>
        <textarea id="reply" name="message" rows={4} className={inputClass} aria-invalid={!!errors.message} aria-describedby="reply-error" />
        <FieldError id="reply-error" messages={errors.message} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>{t("send")}</button>
    </form>
  );
}
