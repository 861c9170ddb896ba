import { z } from "zod";
import { idField } from "./package";

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

/** Editing a reseller: its name and the base of future customer numbers (the login stays). */
export const resellerFields = { name: createResellerSchema.shape.name, customerNumberBase: createResellerSchema.shape.customerNumberBase };
export const updateResellerFields = z.strictObject(resellerFields);
export const updateResellerSchema = z.strictObject({ id: idField, ...resellerFields });
export const deleteResellerSchema = z.strictObject({ id: idField });
export type UpdateResellerInput = z.output<typeof updateResellerFields>;
