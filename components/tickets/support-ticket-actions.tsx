"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { secondaryButtonClass } from "@/components/form/styles";
import { type FormAction, useForm } from "@/components/form/use-form";

type Props = { ticketId: number; canGenerate: boolean; generateAction: FormAction; statusAction: FormAction; status: string };

/** Support's buttons on a ticket: status changes and, on reset tickets, "Neues Passwort erzeugen". */
export function SupportTicketActions({ ticketId, canGenerate, generateAction, statusAction, status }: Props) {
  const t = useTranslations("tickets");
  const generate = useForm(generateAction);
  const change = useForm(statusAction);
  return (
    <div className="space-y-4">
      {canGenerate && (
        <Form form={generate} className="space-y-2">
          <FormMessage state={generate.state} />
          <p className="text-sm text-slate-600">{t("generateHint")}</p>
          <input type="hidden" name="ticketId" value={ticketId} />
          <SubmitButton pending={generate.pending}>{t("generate")}</SubmitButton>
        </Form>
      )}
      <Form form={change} className="space-y-2">
        <FormMessage state={change.state} />
        <input type="hidden" name="ticketId" value={ticketId} />
        <div className="flex flex-wrap gap-2">
          {status !== "in_progress" && status !== "closed" && (
            <button type="submit" name="status" value="in_progress" disabled={change.pending} className={secondaryButtonClass}>
              {t("markInProgress")}
            </button>
          )}
          {status !== "closed" && (
            <button type="submit" name="status" value="closed" disabled={change.pending} className={secondaryButtonClass}>
              {t("close")}
            </button>
          )}
        </div>
      </Form>
    </div>
  );
}
