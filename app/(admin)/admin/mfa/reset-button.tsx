"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { type ActionState, IDLE } from "@/lib/actions/action-state";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** Asks once more before removing a customer's factors: the customer then logs in with the password alone. */
export function ResetButton({ action, userId, email }: { action: Action; userId: number; email: string }) {
  const t = useTranslations("mfa");
  const [state, formAction, pending] = useActionState(action, IDLE);
  if (state.status === "success") return <span role="status" className="text-sm text-green-800">{state.message}</span>;
  return (
    <form action={formAction} onSubmit={(e) => { if (!window.confirm(t("resetConfirm", { email }))) e.preventDefault(); }}>
      <input type="hidden" name="userId" value={userId} />
      {state.status === "error" && <span role="alert" className="mr-2 text-sm text-red-700">{state.formError}</span>}
      <button type="submit" disabled={pending} className="rounded border border-red-300 px-3 py-1 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60">
        {t("resetButton")}
      </button>
    </form>
  );
}
