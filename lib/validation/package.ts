import { z } from "zod";
import { PANEL_KINDS } from "@/db/schema/packages";

/** An empty limit field means "unlimited" (NULL); anything else a whole number. */
export const limitField = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? null : Number(v.trim())) : v),
  z
    .number("formCheck.wholeNumber")
    .int("formCheck.wholeNumber")
    .min(0, "formCheck.notNegative")
    .max(1_000_000, "formCheck.tooLarge")
    .nullable(),
);

/**
 * HTML checkboxes post "on" when ticked and nothing otherwise. A repeated key (parameter pollution)
 * arrives as an array and is refused rather than read as "off".
 */
export const checkboxField = z.preprocess(
  (v) => (Array.isArray(v) ? v : v === "on" || v === "true" || v === true),
  z.boolean("validation.invalid"),
);

export const idField = z.coerce.number("validation.invalid").int("validation.invalid").positive("validation.invalid");

export const packageFields = {
  name: z.string().trim().min(1, "validation.required").max(100, "validation.tooLong"),
  panel: z.enum(PANEL_KINDS, "validation.invalid"),
  maxDomains: limitField,
  maxMailboxes: limitField,
  mailboxQuotaMb: limitField,
  maxForwards: limitField,
  // Optional so callers that predate aliases keep working; the form always sends it (empty = unlimited).
  maxAliases: limitField.optional(),
  spamFilterEnabled: checkboxField,
  forwardingEnabled: checkboxField,
};

export const createPackageSchema = z.strictObject(packageFields);
export const updatePackageSchema = z.strictObject({ id: idField, ...packageFields });
export const deletePackageSchema = z.strictObject({ id: idField });

export type PackageInput = z.output<typeof createPackageSchema>;
export type PackageLimits = Pick<PackageInput, "maxDomains" | "maxMailboxes" | "mailboxQuotaMb" | "maxForwards">;
