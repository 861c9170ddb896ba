"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { FieldError } from "@/components/ui/field-error";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { cancelButton, okButton } from "./form-styles";
import { ErrorNotice } from "./notice";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  subscriptionId: number;
  mailboxes: { id: number; displayAddress: string }[];
  cancelHref: string;
};

/** The confirmation step of "Auswahl entfernen": the list, an explicit tick, then Entfernen. */
export function DeleteMailboxesForm({ action, subscriptionId, mailboxes, cancelHref }: Props) {
  const t = useTranslations("panel");
  const id = useId();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = state.status === "error" ? state.fieldErrors ?? {} : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.status === "error" && state.formError && <ErrorNotice>{state.formError}</ErrorNotice>}
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <p className="text-sm">{t("deleteQuestion")}</p>
      <ul className="list-disc pl-6 text-sm font-medium">
        {mailboxes.map((m) => (
          <li key={m.id}>
            {m.displayAddress}
            <input type="hidden" name="mailboxIds" value={m.id} />
          </li>
        ))}
      </ul>
      <div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="confirmed" value="yes" aria-describedby={`${id}-confirm-error`} />
          {t("deleteConfirm")}
        </label>
        <FieldError id={`${id}-confirm-error`} messages={errors.confirmed} />
      </div>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={okButton}>{t("deleteSubmit")}</button>
        <a href={cancelHref} className={cancelButton}>{t("cancel")}</a>
      </div>
    </form>
  );
}
