import "server-only";
import { verifyPassword } from "@/lib/auth/password-hash";
import { isCommonPassword } from "./common-passwords";
import { checkPasswordRules, type PolicyContext, type PolicyError, type PolicyOptions } from "./policy";

/**
 * The server's full check of a new password: the shared rules, the common-password list and
 * "not the current one". Returns i18n keys for the field, empty when the password is accepted.
 */
export async function validateNewPassword(
  password: string,
  ctx: PolicyContext & { currentHash?: string },
  options: PolicyOptions,
): Promise<string[]> {
  const errors: PolicyError[] = checkPasswordRules(password, ctx, options);
  if (isCommonPassword(password)) errors.push("common");
  if (!errors.length && ctx.currentHash && (await verifyPassword(ctx.currentHash, password))) errors.push("sameAsCurrent");
  return [...new Set(errors)].map((e) => `password.errors.${e}`);
}
