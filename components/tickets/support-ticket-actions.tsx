"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { IDLE } from "@/lib/actions/action-state";
import { buttonClass, type FormAction, FormStatus, secondaryButtonClass } from "./form-status";

type Props = { ticketId: number; canGenerate: boolean; generateAction: FormAction; statusAction: FormAction; status: string };

/** Support's buttons on a ticket: status changes and, on reset tickets, "Neues Passwort erzeugen". */
export function SupportTicketActions({ ticketId, canGenerate, generateAction, statusAction, status }: Props) {
  const t = useTranslations("tickets");
  const [genState, genAction, genPending] = useActionState(generateAction, IDLE);
  const [stState, stAction, stPending] = useActionState(statusAction, IDLE);
  return (
    <div className="space-y-4">
      {canGenerate && (
        <form action={genAction} className="space-y-2">
          <FormStatus state={genState} />
          <p className="text-sm text-slate-600">{t("generateHint")}</p>
          <input type="hidden" name="ticketId" value={ticketId} />
          <button type="submit" disabled={genPending} className={buttonClass}>{t("generate")}</button>
        </form>
      )}
      <form action={stAction} className="space-y-2">
        <FormStatus state={stState} />
        <input type="hidden" name="ticketId" value={ticketId} />
        <div className="flex flex-wrap gap-2">
          {status !== "in_progress" && status !== "closed" && (
            <button type="submit" name="status" value="in_progress" disabled={stPending} className={secondaryButtonClass}>{t("markInProgress")}</button>
          )}
          {status !== "closed" && (
            <button type="submit" name="status" value="closed" disabled={stPending} className={secondaryButtonClass}>{t("close")}</button>
          )}
        </div>
      </form>
    </div>
  );
}
