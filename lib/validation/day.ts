import { z } from "zod";
import { parseDay } from "@/lib/i18n/day-format";

/** An optional day field: empty is null, a day is ISO, anything else gets the format's message beside the field. */
export const dayField = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const day = parseDay(v);
    if (day === null) ctx.addIssue({ code: "custom", message: "validation.date" });
    return day;
  });
