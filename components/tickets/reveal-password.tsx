"use client";

import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/form/buttons";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

/**
 * "Passwort anzeigen": the server hands the password out once and wipes its copy. It lives only in
 * this component's state; a reload shows the "already shown" notice instead.
 */
export function RevealPassword({ action, ticketId, account }: { action: FormAction; ticketId: number; account: string }) {
  const t = useTranslations("tickets");
  const form = useForm(action);
  const password = form.state.status === "success" ? form.state.data?.password : undefined;
  if (password) {
    return (
      <div className="space-y-2">
        <FormMessage state={form.state} />
        <p className="text-sm">{t("passwordFor", { account })}</p>
        <output
          aria-label={t("newPassword")}
          className="block select-all rounded border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-lg"
        >
          {password}
        </output>
        <p className="text-sm text-slate-600">{t("mustChangeHint")}</p>
      </div>
    );
  }
  return (
    <Form form={form} className="space-y-3">
      <FormMessage state={form.state} />
      <p className="text-sm">{t("passwordReady", { account })}</p>
      <input type="hidden" name="ticketId" value={ticketId} />
      <SubmitButton pending={form.pending}>{t("reveal")}</SubmitButton>
    </Form>
  );
}
