import { z } from "zod";

export const REQUIRED = "validation.required";

/**
 * A failed parse as the form shows it: per field, each message once. An empty required field says
 * only that it is required: every format check fails on "" as well, and "Bitte füllen Sie dieses Feld
 * aus. Bitte nur Buchstaben…" would name two problems where there is one.
 */
export function fieldIssues(error: z.ZodError): { formErrors: string[]; fieldErrors: Record<string, string[]> } {
  const flat = z.flattenError(error);
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries<string[] | undefined>(flat.fieldErrors)) {
    if (!messages?.length) continue;
    fieldErrors[field] = messages.includes(REQUIRED) ? [REQUIRED] : [...new Set(messages)];
  }
  return { formErrors: flat.formErrors, fieldErrors };
}
