"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { cancelButton, inputClass, okButton } from "./form-styles";
import { ErrorNotice, SuccessNotice } from "./notice";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  subscriptionId: number;
  mailboxId: number;
  targets: string[];
  keepCopy: boolean;
  cancelHref: string;
};

/** "Weiterleitung": target addresses, one per line, and whether the mailbox keeps a copy. */
export function ForwardingForm({ action, subscriptionId, mailboxId, targets, keepCopy, cancelHref }: Props) {
  const t = useTranslations("panel");
  const id = useId();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [text, setText] = useState(targets.join("\n"));
  const [keep, setKeep] = useState(keepCopy);
  const errors = state.status === "error" ? state.fieldErrors ?? {} : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.status === "error" && state.formError && <ErrorNotice>{state.formError}</ErrorNotice>}
      {state.status === "success" && <SuccessNotice title={t("forwardingSaved")} />}
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <div>
        <label htmlFor={`${id}-targets`} className="block text-sm font-medium">{t("targets")}</label>
        <textarea id={`${id}-targets`} name="targets" rows={5} value={text} onChange={(e) => setText(e.target.value)} className={`${inputClass} font-mono`}
          aria-invalid={!!errors.targets} aria-describedby={`${id}-targets-hint ${id}-targets-error`} />
        <p id={`${id}-targets-hint`} className="mt-1 text-xs text-slate-500">{t("targetsHint")}</p>
        <FieldError id={`${id}-targets-error`} messages={errors.targets} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="keepCopy" checked={keep} onChange={(e) => setKeep(e.target.checked)} />
        {t("keepCopy")}
      </label>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={okButton}>{pending ? t("saving") : t("ok")}</button>
        <a href={cancelHref} className={cancelButton}>{t("cancel")}</a>
      </div>
    </form>
  );
}
