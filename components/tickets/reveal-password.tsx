"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { IDLE } from "@/lib/actions/action-state";
import { buttonClass, type FormAction, FormStatus } from "./form-status";

/**
 * "Passwort anzeigen": the server hands the password out once and wipes its copy. It lives only in
 * this component's state; a reload shows the "already shown" notice instead.
 */
export function RevealPassword({ action, ticketId, account }: { action: FormAction; ticketId: number; account: string }) {
  const t = useTranslations("tickets");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const password = state.status === "success" ? state.data?.password : undefined;
  if (password) {
    return (
      <div className="space-y-2">
        <FormStatus state={state} />
        <p className="text-sm">{t("passwordFor", { account })}</p>
        <output aria-label={t("newPassword")} className="block select-all rounded border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-lg">
          {password}
        </output>
        <p className="text-sm text-slate-600">{t("mustChangeHint")}</p>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <FormStatus state={state} />
      <p className="text-sm">{t("passwordReady", { account })}</p>
      <input type="hidden" name="ticketId" value={ticketId} />
      <button type="submit" disabled={pending} className={buttonClass}>{t("reveal")}</button>
    </form>
  );
}
