import { z } from "zod";
import { localPartField } from "./local-part";
import { checkPasswordPair, newPasswordField } from "./password";

/** Ids arrive as form strings; anything that is not a positive integer is simply invalid. */
export const idField = z.coerce.number<string>({ error: "validation.invalid" }).int("validation.invalid").positive("validation.invalid");

/** Checkbox: present ("on") means true. */
const checkbox = z
  .enum(["on", "1", "true"])
  .optional()
  .transform((v) => v !== undefined);

/** Empty means "the package's maximum"; otherwise whole megabytes. */
export const quotaField = z
  .string()
  .trim()
  .max(7, "panel.errors.quotaInvalid")
  .regex(/^\d*$/, "panel.errors.quotaInvalid")
  .transform((v) => (v === "" ? null : Number(v)));

const optionalPassword = z.string().max(4096, "password.errors.tooLong");

/** "Einstellungen": password optional (empty keeps it), mailbox on/off, quota. */
export const mailboxSettingsSchema = checkPasswordPair(
  z.strictObject({
    subscriptionId: idField,
    mailboxId: idField,
    enabled: checkbox,
    quotaMb: quotaField,
    newPassword: newPasswordField({ optional: true }).default(""),
    confirmPassword: optionalPassword.default(""),
  }),
  { optional: true },
);
export type MailboxSettingsInput = z.output<typeof mailboxSettingsSchema>;

/** "Neue E-Mail-Adresse hinzufügen": a password is required for a new mailbox. */
export const createMailboxSchema = checkPasswordPair(
  z.strictObject({
    subscriptionId: idField,
    domainId: idField,
    localPart: localPartField,
    quotaMb: quotaField,
    newPassword: newPasswordField(),
    confirmPassword: z.string().min(1, "validation.required").max(4096, "password.errors.tooLong"),
  }),
);
export type CreateMailboxInput = z.output<typeof createMailboxSchema>;

/** "Auswahl entfernen" after the confirmation page; one or more ids. */
export const deleteMailboxesSchema = z.strictObject({
  subscriptionId: idField,
  mailboxIds: z
    .union([idField, z.array(idField).min(1, "panel.errors.nothingSelected").max(500, "validation.invalid")])
    .transform((v) => [...new Set(Array.isArray(v) ? v : [v])]),
  confirmed: z.literal("yes", "panel.errors.confirmRequired"),
});
export type DeleteMailboxesInput = z.output<typeof deleteMailboxesSchema>;

/** Forwarding: one target per line (or comma-separated), keep a copy in the mailbox or not. */
export const forwardingSchema = z.strictObject({
  subscriptionId: idField,
  mailboxId: idField,
  targets: z.string().max(20_000, "validation.tooLong").default(""),
  keepCopy: checkbox,
});
export type ForwardingInput = z.output<typeof forwardingSchema>;

/** "Spamfilter" on/off. */
export const spamFilterSchema = z.strictObject({ subscriptionId: idField, mailboxId: idField, enabled: checkbox });
export type SpamFilterInput = z.output<typeof spamFilterSchema>;

export const MAX_TARGETS_PER_MAILBOX = 50;

/** Splits the textarea into trimmed, non-empty lines. */
export function splitTargets(raw: string): string[] {
  return raw
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
