import { z } from "zod";
import { checkFormatRules } from "@/lib/password/policy";

/**
 * A new password as a form posts it: required (unless `optional`, where empty keeps the old one),
 * then the policy's format rules (length, bytes, control characters), all reported at once. The
 * rules that need context (names, the common list, the current hash) run in the service.
 */
export function newPasswordField({ optional = false } = {}) {
  return z
    .string()
    .max(4096, "password.errors.tooLong")
    .superRefine((pw, ctx) => {
      if (!pw) {
        if (!optional) ctx.addIssue({ code: "custom", message: "validation.required" });
        return;
      }
      for (const error of checkFormatRules(pw)) ctx.addIssue({ code: "custom", message: `password.errors.${error}` });
    });
}

/** The new-password pair every password form posts; mismatch is reported on the confirmation field. */
export const newPasswordFields = {
  newPassword: newPasswordField(),
  confirmPassword: z.string().min(1, "validation.required").max(4096, "password.errors.tooLong"),
};

export const currentPasswordField = { currentPassword: z.string().min(1, "validation.required").max(4096, "validation.tooLong") };

type Pair = { newPassword: string; confirmPassword: string };

/**
 * Adds the mismatch check on the pair. It runs even when other fields already failed (zod skips
 * object refinements after any issue by default), so one try shows every problem: mismatch and
 * length together, beside the form's other field errors. `optional`: both empty keeps the password.
 */
export function checkPasswordPair<T extends z.ZodType>(schema: T, { optional = false } = {}): T {
  return schema.refine((d) => (d as Pair).newPassword === (d as Pair).confirmPassword, {
    path: ["confirmPassword"],
    message: "password.errors.mismatch",
    when: ({ value }) => {
      const v = value as Partial<Record<keyof Pair, unknown>> | undefined;
      if (typeof v?.newPassword !== "string" || typeof v.confirmPassword !== "string") return false;
      return optional ? v.newPassword !== "" || v.confirmPassword !== "" : v.confirmPassword !== "";
    },
  });
}

/** Builds a strict form schema from extra fields plus the password pair, with the mismatch check. */
export function withPasswordConfirmation<S extends z.ZodRawShape>(shape: S) {
  return checkPasswordPair(z.strictObject({ ...shape, ...newPasswordFields }));
}
