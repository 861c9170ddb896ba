import { z } from "zod";

export const createResellerSchema = z.strictObject({
  name: z.string().trim().min(1, "validation.required").max(200, "validation.tooLong"),
  customerNumberBase: z.coerce
    .number("formCheck.wholeNumber")
    .int("formCheck.wholeNumber")
    .min(1000, "adminArea.errors.baseRange")
    .max(999_000_000, "adminArea.errors.baseRange")
    .refine((n) => n % 1000 === 0, "adminArea.errors.baseRound"),
  email: z.string().trim().toLowerCase().max(254, "validation.tooLong").pipe(z.email("formCheck.email")),
});
export type CreateResellerInput = z.output<typeof createResellerSchema>;
