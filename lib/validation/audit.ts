import { z } from "zod";
import { parseDay } from "@/lib/i18n/day-format";

const DAYS = ["from", "to"] as const;

// The date fields' text as typed ("31.12.2026"), read into ISO; a day that is none filters nothing
// and gets its message beside the field (auditDayErrors).
const day = z
  .string()
  .trim()
  .max(20)
  .transform((v) => parseDay(v) ?? undefined)
  .optional()
  .catch(undefined);
const text = z.string().trim().max(200).optional().catch(undefined);

/** Query string of the audit viewers; every filter optional, malformed ones ignored. */
export const auditQuerySchema = z.object({
  actor: text,
  target: text,
  action: text,
  from: day,
  to: day,
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

/** The date filters that name no day, with the message key for beside each. */
export function auditDayErrors(raw: Record<string, unknown>): Partial<Record<(typeof DAYS)[number], string[]>> {
  const typed = (name: (typeof DAYS)[number]) => {
    const value = raw[name];
    return typeof value === "string" ? value.trim() : "";
  };
  return Object.fromEntries(DAYS.filter((name) => typed(name) && !parseDay(typed(name))).map((name) => [name, ["validation.date"]]));
}
