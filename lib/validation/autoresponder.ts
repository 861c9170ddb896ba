import { z } from "zod";
import { AUTORESPONDER_INTERVALS } from "@/db/schema/autoresponders";
import { dayField } from "@/lib/validation/day";
import { idField } from "@/lib/validation/mailbox-settings";

/**
 * The autoresponder form (self-service, panels, E-Mail-Administration): on/off, subject, text, optional first and last day,
 * and how often one sender is answered. Dates as the user's language writes them (lib/validation/day.ts);
 * an end before the start is refused beside the end field. Texts end up in a Sieve script (lib/mail/sieve/escape.ts),
 * so control characters other than line breaks and tabs are refused here already.
 */

export const AUTORESPONDER_SUBJECT_MAX = 200;
export const AUTORESPONDER_BODY_MAX = 5000;

const checkbox = z
  .enum(["on", "1", "true"])
  .optional()
  .transform((v) => v !== undefined);

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
  startsOn: dayField,
  endsOn: dayField,
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
