"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass, type FormAction, FormStatus } from "@/components/tickets/form-status";
import { IDLE } from "@/lib/actions/action-state";

export function ConfirmStammdatenForm({ action }: { action: FormAction }) {
  const t = useTranslations("stammdaten");
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-3">
      <FormStatus state={state} />
      <p className="text-sm text-slate-600">{t("confirmHint")}</p>
      <button type="submit" disabled={pending} className={buttonClass}>{t("confirm")}</button>
    </form>
  );
}
