import { z } from "zod";
import { checkboxField } from "./package";

const host = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "validation.required")
  .max(253, "validation.tooLong")
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, "adminArea.errors.host");
const port = z.coerce
  .number("formCheck.wholeNumber")
  .int("formCheck.wholeNumber")
  .min(1, "adminArea.errors.port")
  .max(65535, "adminArea.errors.port");
const encryption = z.enum(["ssl", "starttls"], "validation.invalid");

export const serverSettingsFormSchema = z.strictObject({
  imapHost: host,
  imapPort: port,
  imapEncryption: encryption,
  smtpHost: host,
  smtpPort: port,
  smtpEncryption: encryption,
  // Links in mails are built from this, never from request headers: only http(s) with a host.
  publicUrl: z
    .string()
    .trim()
    .max(500, "validation.tooLong")
    .pipe(z.url({ protocol: /^https?$/, error: "adminArea.errors.publicUrl" }))
    .transform((u) => u.replace(/\/+$/, "")),
});

export const passwordPolicyFormSchema = z.strictObject({ requireClasses: checkboxField });
