import { z } from "zod";
import { LOGIN_AREAS } from "@/lib/auth/login-areas";

/** Messages are i18n keys; the action wrapper translates them into the user's language. */
export const loginSchema = z.strictObject({
  identifier: z.string().trim().min(1, "validation.required").max(320, "validation.tooLong"),
  // Long passphrases are welcome; the cap only bounds argon2's input.
  password: z.string().min(1, "validation.required").max(4096, "validation.tooLong"),
  area: z.enum(LOGIN_AREAS, "validation.areaRequired"),
  // The robot check's payload; the form only sends it once the address needs it (login-service.ts).
  altcha: z.string().max(4000, "robot.failed").optional(),
});

export const localeSchema = z.strictObject({ locale: z.enum(["de", "en", "it"], "validation.invalid") });
