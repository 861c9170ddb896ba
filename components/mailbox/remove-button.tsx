"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/actions/action-state";
import { type FormAction, secondaryButtonClass } from "@/components/ui/form-bits";

/** One small form per row: the id travels as a hidden field and the service re-checks ownership. */
export function RemoveButton({ action, id, label, accessibleLabel }: { action: FormAction; id: number; label: string; accessibleLabel: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} aria-label={accessibleLabel} className={secondaryButtonClass}>{label}</button>
      {state.status === "error" && <span role="alert" className="ml-2 text-sm text-red-700">{state.formError}</span>}
    </form>
  );
}
