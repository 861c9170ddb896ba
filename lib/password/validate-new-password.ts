import "server-only";
import { verifyPassword } from "@/lib/auth/password-hash";
import { commonPasswordList } from "./common-passwords";
import { assessPassword, type PolicyContext, type PolicyError, type PolicyOptions } from "./policy";

/**
 * The server's full check of a new password: the policy's verdict (the same assessPassword the
 * browser's meter runs, with the same list) and "not the current one". Returns i18n keys for the
 * field, empty when the password is accepted.
 */
export async function validateNewPassword(
  password: string,
  ctx: PolicyContext & { currentHash?: string },
  options: PolicyOptions,
): Promise<string[]> {
  const errors: PolicyError[] = policyErrors(password, ctx, options);
  if (!errors.length && ctx.currentHash && (await verifyPassword(ctx.currentHash, password))) errors.push("sameAsCurrent");
  return [...new Set(errors)].map((e) => `password.errors.${e}`);
}

/** The policy's verdict alone, synchronously (an import checks thousands of rows inside one transaction). */
export function policyErrors(password: string, ctx: PolicyContext, options: PolicyOptions): PolicyError[] {
  return assessPassword(password, ctx, options, commonPasswordList()).errors;
}
