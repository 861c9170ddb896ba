import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { fieldIssues } from "@/lib/validation/field-issues";

/** Path ids: positive integers; anything else answers 404 (lib/api/handle-request.ts). */
export const idParams = z.strictObject({ id: z.coerce.number<string>().int().positive() });

/** Opaque cursors: the next page's position, base64url-encoded so scripts do not build them. */
export const encodeCursor = (value: string | number | null) => (value === null ? null : Buffer.from(String(value)).toString("base64url"));
export const cursorField = z
  .string()
  .max(400, "validation.invalid")
  .transform((v, ctx) => {
    const decoded = Buffer.from(v, "base64url").toString("utf8");
    if (!decoded || Buffer.from(decoded).toString("base64url") !== v) {
      ctx.addIssue({ code: "custom", message: "validation.invalid" });
      return z.NEVER;
    }
    return decoded;
  });

export const limitField = (max: number, fallback: number) =>
  z.coerce
    .number<string>("validation.invalid")
    .int("validation.invalid")
    .min(1, "validation.invalid")
    .max(max, "validation.invalid")
    .default(fallback);

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/**
 * Services name fields as the panel's forms do (`newPassword`, `localPart`); the API's fields have
 * their own names. Re-keys a ValidationError's field errors and rethrows everything else.
 */
export async function renameFields<R>(run: () => R | Promise<R>, names: Record<string, string>): Promise<R> {
  const rename = (error: unknown): never => {
    if (error instanceof ValidationError && error.fieldErrors) {
      throw new ValidationError(error.message, Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [names[k] ?? k, v])));
    }
    throw error;
  };
  try {
    return await run();
  } catch (error) {
    return rename(error);
  }
}

/**
 * PATCH: the fields sent over the stored ones, checked by the panel's whole-form schema (the same
 * rules as saving the form). Stored values that a newer rule refuses come back as field errors.
 */
export function patched<S extends z.ZodType>(schema: S, current: object, patch: object): z.output<S> {
  const merged = schema.safeParse({ ...current, ...patch });
  if (merged.success) return merged.data;
  throw new ValidationError("errors.checkFields", fieldIssues(merged.error).fieldErrors);
}
