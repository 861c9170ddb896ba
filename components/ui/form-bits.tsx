"use client";

import { type FormEvent, startTransition, useEffect, useState } from "react";
import type { ActionState } from "@/lib/actions/action-state";

export const inputClass =
  "mt-1 block w-full rounded border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100";
export const buttonClass = "rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60";
export const secondaryButtonClass = "rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60";

export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** A new key after every answer, so the robot-check widget starts over with a fresh challenge. */
export function useRemountKey(state: ActionState): number {
  const [key, setKey] = useState(0);
  useEffect(() => setKey((k) => k + 1), [state]);
  return key;
}

export function FormMessage({ state }: { state: ActionState }) {
  if (state.status === "error" && state.formError) {
    return <div role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{state.formError}</div>;
  }
  if (state.status === "success") {
    return <div role="status" className="rounded border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">{state.message}</div>;
  }
  return null;
}

export function fieldErrors(state: ActionState): Record<string, string[]> {
  return state.status === "error" ? state.fieldErrors ?? {} : {};
}

/**
 * Submits through the action without React's automatic form reset, which would snap controlled
 * radios and fields back to their first values after an error. Without JS the form still posts.
 */
export function submitWithoutReset(formAction: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  };
}
