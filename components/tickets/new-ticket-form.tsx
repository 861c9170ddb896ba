"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { TICKET_CATEGORIES } from "@/db/schema/tickets";
import { IDLE } from "@/lib/actions/action-state";
import { buttonClass, type FormAction, FormStatus, inputClass } from "./form-status";

/** "neues Ticket erstellen": category, subject and message; errors beside each field. */
export function NewTicketForm({ action, defaultCategory }: { action: FormAction; defaultCategory?: string }) {
  const t = useTranslations("tickets");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = state.status === "error" ? state.fieldErrors ?? {} : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormStatus state={state} />
      <div>
        <label htmlFor="category" className="block text-sm font-medium">{t("category")}</label>
        <select id="category" name="category" defaultValue={defaultCategory ?? ""} className={inputClass}
          aria-invalid={!!errors.category} aria-describedby="category-error">
          <option value="" disabled>{t("chooseCategory")}</option>
          {TICKET_CATEGORIES.map((c) => <option key={c} value={c}>{t(`categories.${c}`)}</option>)}
        </select>
        <FieldError id="category-error" messages={errors.category} />
      </div>
      <div>
        <label htmlFor="subject" className="block text-sm font-medium">{t("subject")}</label>
        <input id="subject" name="subject" type="text" maxLength={200} className={inputClass}
          aria-invalid={!!errors.subject} aria-describedby="subject-error" />
        <FieldError id="subject-error" messages={errors.subject} />
      </div>
      <div>
        <label htmlFor="message" className="block text-sm font-medium">{t("message")}</label>
        <textarea id="message" name="message" rows={6} className={inputClass}
          aria-invalid={!!errors.message} aria-describedby="message-error" />
        <FieldError id="message-error" messages={errors.message} />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>{t("submit")}</button>
    </form>
  );
}
