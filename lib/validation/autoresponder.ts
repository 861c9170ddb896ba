import { z } from "zod";
import { AUTORESPONDER_INTERVALS } from "@/db/schema/autoresponders";
import { idField } from "@/lib/validation/mailbox-settings";

/**
 * The autoresponder form (self-service, panels, E-Mail-Administration): on/off, subject, text, optional first and last day,
 * and how often one sender is answered. Dates are `YYYY-MM-DD` from a date input; an end before the
 * start is refused beside the end field. Texts end up in a Sieve script (lib/mail/sieve/escape.ts),
 * so control characters other than line breaks and tabs are refused here already.
 */

export const AUTORESPONDER_SUBJECT_MAX = 200;
export const AUTORESPONDER_BODY_MAX = 5000;

const checkbox = z
  .enum(["on", "1", "true"])
  .optional()
  .transform((v) => v !== undefined);

/** `YYYY-MM-DD` naming a day that exists (no 31 April, 29 February only in leap years). */
function isCalendarDay(v: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [year, month, dayOfMonth] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Day 0 of the next month is the last day of this one.
  return year >= 1970 && month >= 1 && month <= 12 && dayOfMonth >= 1 && dayOfMonth <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const day = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || isCalendarDay(v), "autoresponder.errors.dateInvalid");

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const fields = {
  enabled: checkbox,
  subject: z
    .string()
    .trim()
    .max(AUTORESPONDER_SUBJECT_MAX, "autoresponder.errors.subjectTooLong")
    // eslint-disable-next-line no-control-regex
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "autoresponder.errors.textInvalid")
    .default(""),
  body: z
    .string()
    .max(AUTORESPONDER_BODY_MAX, "autoresponder.errors.bodyTooLong")
    .refine((v) => !CONTROL.test(v), "autoresponder.errors.textInvalid")
    .transform((v) => v.replace(/\r\n?/g, "\n").trimEnd())
    .default(""),
  startsOn: day,
  endsOn: day,
  intervalDays: z.coerce
    // Letters coerce to NaN: that is the same mistake as 0 or 2.5, with the same message.
    .number<string>("autoresponder.errors.intervalInvalid")
    .int("autoresponder.errors.intervalInvalid")
    .min(AUTORESPONDER_INTERVALS.min, "autoresponder.errors.intervalInvalid")
    .max(AUTORESPONDER_INTERVALS.max, "autoresponder.errors.intervalInvalid"),
};

type Fields = { enabled: boolean; body: string; startsOn: string | null; endsOn: string | null };

function checkTogether(v: Fields, ctx: z.RefinementCtx) {
  if (v.enabled && !v.body.trim()) ctx.addIssue({ code: "custom", path: ["body"], message: "autoresponder.errors.bodyRequired" });
  if (v.startsOn && v.endsOn && v.endsOn < v.startsOn)
    ctx.addIssue({ code: "custom", path: ["endsOn"], message: "autoresponder.errors.endBeforeStart" });
}

/** The mailbox user's own autoresponder. */
export const ownAutoresponderSchema = z.strictObject(fields).superRefine(checkTogether);
/** A mailbox's autoresponder in the customer's panel (the subscription and mailbox come from the URL). */
export const panelAutoresponderSchema = z
  .strictObject({ subscriptionId: idField, mailboxId: idField, ...fields })
  .superRefine(checkTogether);

/** A mail account's autoresponder in the E-Mail-Administration (the account comes from the page). */
export const mailAccountAutoresponderSchema = z.strictObject({ accountId: idField, ...fields }).superRefine(checkTogether);

export type AutoresponderInput = z.output<typeof ownAutoresponderSchema>;
export type PanelAutoresponderInput = z.output<typeof panelAutoresponderSchema>;
export type MailAccountAutoresponderInput = z.output<typeof mailAccountAutoresponderSchema>;
