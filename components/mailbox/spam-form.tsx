"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FieldError } from "@/components/ui/field-error";
import { IDLE } from "@/lib/actions/action-state";
import { buttonClass, type FormAction, fieldErrors, FormMessage } from "@/components/ui/form-bits";

type Props = { action: FormAction; enabled: boolean; level: number; spamAction: "mark" | "junk" | "delete" };

/** "Spamfilter einstellen": on/off, sensitivity 1–5, and what happens to spam. */
export function SpamForm({ action, enabled, level, spamAction }: Props) {
  const t = useTranslations("mailboxSettings.spam");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = fieldErrors(state);
  return (
    <form action={formAction} className="max-w-lg space-y-5" noValidate>
      <FormMessage state={state} />
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="enabled" defaultChecked={enabled} className="h-4 w-4" />
        {t("enabled")}
      </label>
      <div>
        <label htmlFor="level" className="block text-sm font-medium">{t("level")}</label>
        <select id="level" name="level" defaultValue={String(level)} aria-describedby="level-error"
          className="mt-1 block w-full rounded border border-slate-300 px-3 py-2">
          {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{t(`levels.${n}`)}</option>)}
        </select>
        <FieldError id="level-error" messages={errors.level} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">{t("action")}</legend>
        {(["mark", "junk", "delete"] as const).map((a) => (
          <label key={a} className="mt-2 flex items-start gap-2 text-sm">
            <input type="radio" name="action" value={a} defaultChecked={spamAction === a} className="mt-1" />
            <span><span className="font-medium">{t(`actions.${a}`)}</span><br /><span className="text-slate-500">{t(`actionHints.${a}`)}</span></span>
          </label>
        ))}
        <FieldError id="action-error" messages={errors.action} />
      </fieldset>
      <button type="submit" disabled={pending} className={buttonClass}>{t("save")}</button>
    </form>
  );
}
