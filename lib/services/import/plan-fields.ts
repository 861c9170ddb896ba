import { recogniseHash } from "@/lib/auth/hash-schemes";
import { policyErrors } from "@/lib/password/validate-new-password";
import { messageKey } from "@/lib/i18n/message-ref";
import { QUOTA_TOO_LARGE, resolveQuota } from "@/lib/services/mailboxes/mailbox-limits";
import type { SettingProblem } from "./plan-settings";
import type { CsvRow } from "./read-csv";

/** How a mailbox or mail account line sets the password; plaintext never leaves the server (see reportOf). */
export type PasswordPlan =
  | { kind: "keep" }
  /** `notInFile`: the line said `keep` for a login that does not exist yet (an export without hashes). */
  | { kind: "generate"; notInFile?: true }
  | { kind: "plaintext"; password: string; fromScheme?: "PLAIN" }
  | { kind: "hash"; stored: string; scheme: string; weak: boolean };

/** The columns a login has (a mailbox, a mail account): password, quota, on/off. Undefined leaves a value as it is. */
export type LoginFields = { password: PasswordPlan; quotaMb: number | null | undefined; enabled: boolean | undefined };

type PasswordPolicy = Parameters<typeof policyErrors>[2];

/** The password cell an export without hashes writes (see readPassword). */
export const KEEP_PASSWORD = "keep";

const YES = new Set(["1", "yes", "ja", "sì", "si", "true", "on", "x"]);
const NO = new Set(["0", "no", "nein", "false", "off"]);

/**
 * The password cell: empty keeps a login's password (a new one has none: refused), `generate` makes a
 * new one, and `keep`, which an export without hashes writes, keeps it or makes one for a login that
 * does not exist yet, so such an export imports again. Keywords and hashes may be padded; a plaintext
 * password is taken exactly as written, as the panel's password field takes it.
 */
function readPassword(raw: string, creating: boolean): PasswordPlan | { error: string; params?: Record<string, string> } {
  const word = raw.trim();
  if (!word) return creating ? { error: "passwordMissing" } : { kind: "keep" };
  if (word.toLowerCase() === "generate") return { kind: "generate" };
  if (word.toLowerCase() === KEEP_PASSWORD) return creating ? { kind: "generate", notInFile: true } : { kind: "keep" };
  const looksHashed = /^\{[A-Za-z0-9.-]+\}/.test(word) || /^\$(1|5|6|2[aby]|argon2id?)\$/.test(word);
  if (!looksHashed) return { kind: "plaintext", password: raw };
  const r = recogniseHash(word);
  if (r.kind === "plaintext") return { kind: "plaintext", password: r.password, fromScheme: "PLAIN" };
  if (r.kind === "error") return { error: r.error === "unknownScheme" ? "unknownScheme" : "malformedHash" };
  return { kind: "hash", stored: r.stored, scheme: r.scheme, weak: r.weak };
}

export function readFlag(raw: string): boolean | undefined | "invalid" {
  const v = raw.toLowerCase();
  if (!v) return undefined;
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return "invalid";
}

/**
 * Password, quota and enabled of a line that creates or changes a login, checked as the panel would:
 * the password policy (with the login's own names), a quota within the package's. Every problem of
 * the line is answered at once, so the report lists them together.
 */
export function readLoginFields(
  cells: CsvRow["cells"],
  creating: boolean,
  names: string[],
  policy: PasswordPolicy,
  maxQuotaMb: number | null,
): { ok: LoginFields | null; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const password = readPassword(cells.password, creating);
  const enabled = readFlag(cells.enabled);
  const quotaText = cells.quota_mb;
  const quota = quotaText === "" ? undefined : /^\d{1,7}$/.test(quotaText) ? Number(quotaText) : NaN;
  if ("error" in password) problems.push({ code: password.error });
  else if (password.kind === "plaintext") {
    const errors = policyErrors(password.password, { names }, policy);
    if (errors.length) problems.push({ code: "weakPassword", params: { reason: `password.errors.${errors[0]}` } });
  }
  if (enabled === "invalid") problems.push({ code: "enabledInvalid", params: { value: cells.enabled.slice(0, 20) } });
  let quotaMb: number | null | undefined = undefined;
  if (Number.isNaN(quota)) problems.push({ code: "quotaInvalid", params: { value: quotaText.slice(0, 20) } });
  else if (quota !== undefined || creating) {
    const q = resolveQuota(quota ?? null, maxQuotaMb);
    if ("error" in q)
      problems.push({
        code: messageKey(q.error) === QUOTA_TOO_LARGE ? "quotaTooLarge" : "quotaInvalid",
        params: { value: quotaText, max: maxQuotaMb ?? 0 },
      });
    else quotaMb = q.quotaMb;
  }
  if ("error" in password || enabled === "invalid" || problems.length) return { ok: null, problems };
  return { ok: { password, quotaMb, enabled }, problems };
}
