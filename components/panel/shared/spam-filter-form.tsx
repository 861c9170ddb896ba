"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { cancelButton, okButton } from "./form-styles";
import { ErrorNotice, SuccessNotice } from "./notice";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  subscriptionId: number;
  mailboxId: number;
  enabled: boolean;
  cancelHref: string;
};

/** "Spamfilter": on or off for this address. */
export function SpamFilterForm({ action, subscriptionId, mailboxId, enabled, cancelHref }: Props) {
  const t = useTranslations("panel");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [on, setOn] = useState(enabled);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.status === "error" && state.formError && <ErrorNotice>{state.formError}</ErrorNotice>}
      {state.status === "success" && <SuccessNotice title={t("spamSaved")} />}
      <input type="hidden" name="subscriptionId" value={subscriptionId} />
      <input type="hidden" name="mailboxId" value={mailboxId} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" checked={on} onChange={(e) => setOn(e.target.checked)} />
        {t("spamOn")}
      </label>
      <p className="text-xs text-slate-600">{t("spamHint")}</p>
      <div className="flex gap-2">
        <button type="submit" disabled={pending} className={okButton}>{pending ? t("saving") : t("ok")}</button>
        <a href={cancelHref} className={cancelButton}>{t("cancel")}</a>
      </div>
    </form>
  );
}
