import { z } from "zod";

/** The new-password pair every password form posts; mismatch is reported on the confirmation field. */
export const newPasswordFields = {
  newPassword: z.string().min(1, "validation.required").max(4096, "password.errors.tooLong"),
  confirmPassword: z.string().min(1, "validation.required").max(4096, "password.errors.tooLong"),
};

export const currentPasswordField = { currentPassword: z.string().min(1, "validation.required").max(4096, "validation.tooLong") };

type PairShape = { newPassword: string; confirmPassword: string };

/** Builds a strict form schema from extra fields plus the password pair, with the mismatch check. */
export function withPasswordConfirmation<S extends z.ZodRawShape>(shape: S) {
  return z
    .strictObject({ ...shape, ...newPasswordFields })
    .refine((d) => (d as unknown as PairShape).newPassword === (d as unknown as PairShape).confirmPassword, {
      path: ["confirmPassword"],
      message: "password.errors.mismatch",
    });
}
