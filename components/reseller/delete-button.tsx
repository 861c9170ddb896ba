"use client";

import { useActionState } from "react";
import { type ActionState, IDLE } from "@/lib/actions/action-state";
import { FormMessage, secondaryButtonClass, submitWithoutReset } from "./form-bits";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  confirm: string;
};

/** A small form with hidden ids that asks before posting a delete. */
export function DeleteButton({ action, fields, label, confirm }: Props) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction, confirm)} className="space-y-2">
      {Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <button type="submit" disabled={pending} className={`${secondaryButtonClass} border-red-300 text-red-700 hover:bg-red-50`}>{label}</button>
      <FormMessage state={state} />
    </form>
  );
}
