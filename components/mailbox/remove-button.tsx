"use client";

import { Form } from "@/components/form/form";
import { secondaryButtonClass } from "@/components/form/styles";
import { type FormAction, useForm } from "@/components/form/use-form";

/** One small form per row: the id travels as a hidden field and the service re-checks ownership. */
export function RemoveButton({
  action,
  id,
  label,
  accessibleLabel,
}: {
  action: FormAction;
  id: number;
  label: string;
  accessibleLabel: string;
}) {
  const form = useForm(action);
  return (
    <Form form={form} className="inline">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={form.pending} aria-label={accessibleLabel} className={secondaryButtonClass}>
        {label}
      </button>
      {form.state.status === "error" && (
        <span role="alert" className="ml-2 text-sm text-red-700">
          {form.state.formError}
        </span>
      )}
    </Form>
  );
}
