import "server-only";
import { commonPasswordList } from "./common-passwords";
import { assessPassword, type PolicyContext, type PolicyError, type PolicyOptions } from "./policy";

/**
 * The server's full check of a new password: the policy's verdict (the same assessPassword the
 * browser's meter runs, with the same list) and, when the user has just proved the current password,
 * "not the current one" (a plain comparison: no argon2 work). Someone setting another person's
 * password learns nothing about the old one. Returns i18n keys for the field, empty when accepted.
 */
export function validateNewPassword(password: string, ctx: PolicyContext & { currentPassword?: string }, options: PolicyOptions): string[] {
  const errors: PolicyError[] = policyErrors(password, ctx, options);
  if (!errors.length && ctx.currentPassword !== undefined && password === ctx.currentPassword) errors.push("sameAsCurrent");
  return [...new Set(errors)].map((e) => `password.errors.${e}`);
}

/** The policy's verdict alone, synchronously (an import checks thousands of rows inside one transaction). */
export function policyErrors(password: string, ctx: PolicyContext, options: PolicyOptions): PolicyError[] {
  return assessPassword(password, ctx, options, commonPasswordList()).errors;
}
