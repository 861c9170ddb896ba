import { z } from "zod";
import { ALL_SCOPES } from "@/lib/api/scopes";
import { dayField } from "./day";
import { idField } from "./mailbox";

/** "Neuer API-Schlüssel": a name, one or more scopes (checkboxes), an optional last day of validity. */
export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, "validation.required").max(80, "validation.tooLong"),
  scopes: z
    .union([z.enum(ALL_SCOPES, "validation.invalid"), z.array(z.enum(ALL_SCOPES, "validation.invalid")).max(ALL_SCOPES.length)])
    .optional()
    .transform((v) => [...new Set(v === undefined ? [] : Array.isArray(v) ? v : [v])])
    .refine((v) => v.length > 0, "apiKeys.errors.noScope"),
  expiresOn: dayField,
});
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.strictObject({ keyId: idField });
