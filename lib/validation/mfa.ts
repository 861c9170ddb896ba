import { z } from "zod";

/** Messages are i18n keys; the action wrapper translates them. */
const id = z.coerce.number("validation.invalid").int("validation.invalid").positive("validation.invalid");
const label = z.string().trim().max(60, "validation.tooLong");
/** A WebAuthn response as JSON text; bounded so a huge body is refused before parsing. */
const webauthnJson = z.string().min(2, "validation.required").max(32_768, "validation.tooLong");

export const emptySchema = z.strictObject({});

/** Starting to add a factor: the password is required by the service only when a factor exists. */
export const startFactorSchema = z.strictObject({
  password: z.string().max(4096, "validation.tooLong").optional(),
});

/** 6 digits from the app, or a recovery code like "ABCDE-FGHJK"; spaces are ignored. */
export const secondFactorCodeSchema = z.strictObject({
  code: z
    .string()
    .transform((s) => s.replace(/\s/g, ""))
    .pipe(
      z
        .string()
        .min(1, "validation.required")
        .max(32, "mfa.codeFormat")
        .regex(/^(\d{6}|[A-Za-z0-9-]{10,11})$/, "mfa.codeFormat"),
    ),
});

export const webauthnResponseSchema = z.strictObject({ response: webauthnJson });

export const totpConfirmSchema = z.strictObject({
  factorId: id,
  code: z
    .string()
    .transform((s) => s.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "mfa.codeFormat")),
  label,
});

export const keyRegistrationSchema = z.strictObject({ response: webauthnJson, label });

export const removeFactorSchema = z.strictObject({
  factorId: id,
  password: z.string().min(1, "validation.required").max(4096, "validation.tooLong"),
});

export const passwordOnlySchema = z.strictObject({
  password: z.string().min(1, "validation.required").max(4096, "validation.tooLong"),
});

export const resetSecondFactorSchema = z.strictObject({ userId: id });

/** Parses the JSON text of a WebAuthn response; the library checks the structure itself. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T names what the caller hands @simplewebauthn/server, which checks the structure
export function parseWebauthnJson<T>(text: string): T | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && typeof (value as { id?: unknown }).id === "string" ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
