import { z } from "zod";
import { currentPasswordField } from "@/lib/validation/password";

/**
 * What Roundcube's Kontor driver posts to /api/webmail/password. `clientIp` is the webmail user's
 * address as Roundcube saw it; believed only because the caller proved the shared secret.
 */
export const webmailPasswordSchema = z.strictObject({
  user: z.string().trim().min(1).max(254),
  ...currentPasswordField,
  newPassword: z.string().min(1).max(4096),
  language: z.string().max(16).optional(),
  clientIp: z.union([z.ipv4(), z.ipv6()]).optional(),
});

export type WebmailPasswordInput = z.output<typeof webmailPasswordSchema>;
