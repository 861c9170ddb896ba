"use client";

import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { dangerButtonClass } from "@/components/form/styles";
import { type FormAction, useForm } from "@/components/form/use-form";

type Props = { action: FormAction; fields: Record<string, string>; label: string; confirm: string };

/** A small form with hidden ids that asks ("Abbrechen" / "OK") before posting a delete. */
export function DeleteButton({ action, fields, label, confirm }: Props) {
  const form = useForm(action);
  return (
    <Form form={form} confirm={confirm} className="space-y-2">
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" disabled={form.pending} className={dangerButtonClass}>
        {label}
      </button>
      <FormMessage state={form.state} />
    </Form>
  );
}
