/**
 * Kontor's one password policy, shared by browser (meter) and server (enforcement). NIST 800-63B
 * style: length over composition. At least 15 Unicode code points (an emoji counts once), long
 * passphrases accepted and never truncated; character classes only when the admin asks for them.
 * assessPassword is the one verdict: the server (validate-new-password.ts) and the browser's meter
 * (components/form/password-fields.tsx) both call it, with the same common-password list.
 */
import { matchesCommonList } from "./common-match";

export const MIN_LENGTH = 15;
/** Far above the 64 that NIST asks to accept; bounds the argon2 input. */
export const MAX_LENGTH = 1024;
/**
 * What every mail program can still send: SMTP AUTH PLAIN puts address and password base64-encoded on
 * one command line, which Dovecot's submission refuses beyond ~1000 bytes ("Line too long", measured
 * with a 1,024-character password). With the longest address (254 bytes) 480 bytes of password fit.
 */
export const MAX_BYTES = 480;
export const STRENGTH_LEVELS = ["veryWeak", "weak", "medium", "strong", "veryStrong"] as const;
export type StrengthLevel = 0 | 1 | 2 | 3 | 4;
/** The server refuses anything the meter shows below "Mittel"; a refused password never shows more. */
export const MIN_STRENGTH: StrengthLevel = 2;

export type PolicyOptions = { requireClasses: boolean };
export type PolicyContext = { names: string[] };

export type PolicyError =
  "tooShort" | "tooLong" | "controlCharacter" | "containsName" | "missingClasses" | "tooWeak" | "common" | "sameAsCurrent";

export const codePoints = (s: string) => Array.from(s).length;

const classesOf = (pw: string) => ({
  lower: /\p{Ll}/u.test(pw),
  upper: /\p{Lu}/u.test(pw),
  digit: /\p{Nd}/u.test(pw),
  special: /[^\p{L}\p{Nd}]/u.test(pw),
});

/**
 * Name fragments a password must not contain: the login name, the local part, the domain's labels
 * (without the TLD) and "kontor". Fragments shorter than 4 characters would forbid too much.
 */
export function nameFragments(ctx: PolicyContext): string[] {
  const parts = new Set<string>(["kontor"]);
  for (const name of ctx.names) {
    const lower = name.toLowerCase().trim();
    if (!lower) continue;
    const [local, domain] = lower.includes("@") ? lower.split("@", 2) : [lower, ""];
    parts.add(local);
    for (const piece of local.split(/[._+-]/)) parts.add(piece);
    const labels = domain.split(".");
    for (const label of labels.slice(0, -1)) parts.add(label);
  }
  return [...parts].filter((p) => codePoints(p) >= 4);
}

/** Five levels from an entropy estimate; a password holding a name or a repeat is capped low. */
export function estimateStrength(password: string, ctx: PolicyContext = { names: [] }): StrengthLevel {
  const length = codePoints(password);
  if (length === 0) return 0;
  const c = classesOf(password);
  let pool = (c.lower ? 26 : 0) + (c.upper ? 26 : 0) + (c.digit ? 10 : 0) + (c.special ? 33 : 0);
  if (/[^\p{ASCII}]/u.test(password)) pool += 64;
  const distinct = new Set(password.toLowerCase()).size;
  // Repeated characters add little: count only as many positions as there are distinct characters, plus a bit.
  const effective = Math.min(length, distinct * 2);
  const bits = effective * Math.log2(Math.max(pool, 2));
  let level: StrengthLevel = bits < 40 ? 0 : bits < 60 ? 1 : bits < 75 ? 2 : bits < 95 ? 3 : 4;
  if (length < MIN_LENGTH) level = Math.min(level, 1) as StrengthLevel;
  const lower = password.toLowerCase();
  if (nameFragments(ctx).some((f) => lower.includes(f))) level = Math.min(level, 1) as StrengthLevel;
  return level;
}

/**
 * The rules that need nothing but the password itself (length, bytes, control characters). The form
 * schemas run them too, so they appear together with a mismatch and the form's other field errors.
 */
export function checkFormatRules(password: string): PolicyError[] {
  const errors: PolicyError[] = [];
  const length = codePoints(password);
  if (length < MIN_LENGTH) errors.push("tooShort");
  if (length > MAX_LENGTH || new TextEncoder().encode(password).length > MAX_BYTES) errors.push("tooLong");
  // Tab, line breaks, NUL and other control characters cannot be typed reliably, and mail clients
  // cannot send them (AUTHENTICATE PLAIN separates fields with NUL, IMAP LOGIN ends at CR LF).
  if (/\p{Cc}/u.test(password)) errors.push("controlCharacter");
  return errors;
}

/** Every rule that can be checked without the server's lists; the errors in display order. */
export function checkPasswordRules(password: string, ctx: PolicyContext, options: PolicyOptions): PolicyError[] {
  const errors = checkFormatRules(password);
  const lower = password.toLowerCase();
  if (nameFragments(ctx).some((f) => lower.includes(f))) errors.push("containsName");
  if (options.requireClasses) {
    const c = classesOf(password);
    if (!(c.lower && c.upper && c.digit && c.special)) errors.push("missingClasses");
  }
  if (!errors.length && estimateStrength(password, ctx) < MIN_STRENGTH) errors.push("tooWeak");
  return errors;
}

export type Assessment = { errors: PolicyError[]; level: StrengthLevel };

/**
 * The policy's verdict on a new password: every rule, the common-password list when it is at hand
 * (the browser loads it lazily), and a strength level that stays below MIN_STRENGTH whenever there is
 * an error, so the meter never calls a refused password acceptable ("passwortpasswort" is "Schwach").
 */
export function assessPassword(password: string, ctx: PolicyContext, options: PolicyOptions, commonList?: ReadonlySet<string>): Assessment {
  const errors = checkPasswordRules(password, ctx, options);
  if (commonList && matchesCommonList(commonList, password)) {
    const weak = errors.indexOf("tooWeak");
    if (weak >= 0) errors.splice(weak, 1);
    errors.push("common");
  }
  const estimated = estimateStrength(password, ctx);
  const level = errors.length ? (Math.min(estimated, MIN_STRENGTH - 1) as StrengthLevel) : estimated;
  return { errors, level };
}
