import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { ActionState } from "@/lib/actions/action-state";

/** Green confirmation box, announced politely to screen readers. */
export function SuccessNotice({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div role="status" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
      <p className={children ? "font-semibold" : undefined}>{title}</p>
      {children}
    </div>
  );
}

export function ErrorNotice({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {children}
    </div>
  );
}

/**
 * The form-level answer: the error (with messages that belong to no single field, such as "form"
 * or "limits") or the success message. Field errors themselves stand beside their fields.
 */
export function FormMessage({
  state,
  generalFields = ["form", "limits"],
  success,
}: {
  state: ActionState;
  generalFields?: string[];
  success?: ReactNode;
}) {
  const formError = useFormError(state);
  if (state.status === "error") {
    const extra = generalFields.flatMap((f) => state.fieldErrors?.[f] ?? []);
    if (!formError && !extra.length) return null;
    return (
      <ErrorNotice>
        {formError}
        {extra.length > 0 && (
          <ul className="mt-1 list-disc pl-5">
            {extra.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </ErrorNotice>
    );
  }
  if (state.status === "success") return success ?? (state.message ? <SuccessNotice title={state.message} /> : null);
  return null;
}

/**
 * The form error in the language shown now: an answer that names its message by key (formErrorRef)
 * follows a later language switch; the others keep the text they arrived with.
 */
export function useFormError(state: ActionState): string | undefined {
  const t = useTranslations();
  if (state.status !== "error") return undefined;
  const ref = state.formErrorRef;
  return ref && t.has(ref.key) ? t(ref.key, ref.values) : state.formError;
}
