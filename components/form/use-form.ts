"use client";

import { startTransition, useActionState, useState } from "react";
import { type ActionState, type FieldErrors, IDLE } from "@/lib/actions/action-state";

export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

export const fieldErrorsOf = (state: ActionState): FieldErrors => (state.status === "error" ? (state.fieldErrors ?? {}) : {});

/**
 * The one way a client form talks to its server action. React 19 resets a form after its action ran,
 * which would throw away what the user typed when the server answers with errors; submitting
 * through a transition (components/form/form.tsx) keeps every entry; without JS the form still posts. `answer` counts the
 * server's answers: password inputs and the robot check are keyed on it, so they start empty after
 * every answer, and `saved` counts successes, for forms that empty themselves after one.
 */
export function useForm(action: FormAction, initial: ActionState = IDLE) {
  const [state, formAction, pending] = useActionState(action, initial);
  // Adjusting state while rendering (React's documented pattern) instead of an effect: no extra pass.
  const [seen, setSeen] = useState(state);
  const [answer, setAnswer] = useState(0);
  const [saved, setSaved] = useState(0);
  if (seen !== state) {
    setSeen(state);
    setAnswer((n) => n + 1);
    if (state.status === "success") setSaved((n) => n + 1);
  }
  return {
    state,
    pending,
    answer,
    saved,
    errors: fieldErrorsOf(state),
    formProps: { action: formAction },
    /** Posts like a submit, inside a transition (so the form is not reset). */
    dispatch: (formData: FormData) => startTransition(() => formAction(formData)),
  };
}

export type KitForm = ReturnType<typeof useForm>;
