import { z } from "zod";
import { SPAM_ACTIONS } from "@/db/schema/mail-settings";
import { currentPasswordField, withPasswordConfirmation } from "@/lib/validation/password";
import { canonicalAddress, canonicalDomain } from "@/lib/validation/names";

/**
 * Schemas of the mailbox user's "Einstellungen". Addresses and domains that end up in a Sieve
 * script are allow-listed here (not merely escaped later): only plain characters get through.
 */

const LOCAL_PART = /^[a-z0-9_+=-]+(\.[a-z0-9_+=-]+)*$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])$/;

/** A plain, routable domain in punycode (`grüne-wiese.example` → `xn--…`), or "" when invalid. */
export function strictDomain(input: string): string {
  const domain = canonicalDomain(input);
  return DOMAIN.test(domain) && /[a-z]/.test(domain.split(".").pop() ?? "") ? domain : "";
}

/** `Local@Dömain.example` → `local@xn--dmain-jua.example`; "" unless both parts are plain. */
export function strictAddress(input: string): string {
  if (/[\s"\\<>(),;:]/.test(input.trim())) return "";
  const address = canonicalAddress(input);
  const at = address.lastIndexOf("@");
  if (at <= 0 || address.length > 254) return "";
  const local = address.slice(0, at);
  return local.length <= 64 && LOCAL_PART.test(local) && strictDomain(address.slice(at + 1)) ? address : "";
}

/**
 * Black-/Whitelist entry: a sender address, or a whole domain written `@example.com` or `example.com`.
 * Stored as `user@domain` or `@domain`; "" when it is neither.
 */
export function canonicalSenderPattern(input: string): string {
  const value = input.trim();
  if (!value.includes("@") || value.startsWith("@")) {
    const domain = strictDomain(value.replace(/^@/, ""));
    return domain ? `@${domain}` : "";
  }
  return strictAddress(value);
}

export const idField = z.coerce.number<string>().int("validation.invalid").positive("validation.invalid");
const checkbox = z
  .enum(["on", "1", "true"])
  .optional()
  .transform((v) => v !== undefined);

export const changeOwnPasswordSchema = withPasswordConfirmation(currentPasswordField);
export type ChangeOwnPasswordInput = z.output<typeof changeOwnPasswordSchema>;

export const addForwardSchema = z.strictObject({
  target: z
    .string()
    .trim()
    .min(1, "validation.required")
    .max(254, "mailboxSettings.errors.addressInvalid")
    .transform((v, ctx) => {
      const address = strictAddress(v);
      if (!address) ctx.addIssue({ code: "custom", message: "mailboxSettings.errors.addressInvalid" });
      return address;
    }),
});
export const removeByIdSchema = z.strictObject({ id: idField });
export const keepCopySchema = z.strictObject({ keepCopy: checkbox });

export const addSenderRuleSchema = z.strictObject({
  kind: z.enum(["block", "allow"], "validation.invalid"),
  pattern: z
    .string()
    .trim()
    .min(1, "validation.required")
    .max(254, "mailboxSettings.errors.patternInvalid")
    .transform((v, ctx) => {
      const pattern = canonicalSenderPattern(v);
      if (!pattern) ctx.addIssue({ code: "custom", message: "mailboxSettings.errors.patternInvalid" });
      return pattern;
    }),
});

export const spamSettingsSchema = z.strictObject({
  enabled: checkbox,
  level: z.coerce
    .number<string>()
    .int("mailboxSettings.errors.levelInvalid")
    .min(1, "mailboxSettings.errors.levelInvalid")
    .max(5, "mailboxSettings.errors.levelInvalid"),
  action: z.enum(SPAM_ACTIONS, "mailboxSettings.errors.actionInvalid"),
});

export type AddForwardInput = z.output<typeof addForwardSchema>;
export type AddSenderRuleInput = z.output<typeof addSenderRuleSchema>;
export type SpamSettingsInput = z.output<typeof spamSettingsSchema>;
