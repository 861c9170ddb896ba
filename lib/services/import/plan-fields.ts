import { recogniseHash } from "@/lib/auth/hash-schemes";
import { policyErrors } from "@/lib/password/validate-new-password";
import { messageKey } from "@/lib/i18n/message-ref";
import { QUOTA_TOO_LARGE, resolveQuota } from "@/lib/services/mailboxes/mailbox-limits";
import type { SettingProblem } from "./plan-settings";
import type { CsvRow } from "./read-csv";

/** How a mailbox or mail account line sets the password; plaintext never leaves the server (see reportOf). */
export type PasswordPlan =
  | { kind: "keep" }
  | { kind: "generate" }
  | { kind: "plaintext"; password: string; fromScheme?: "PLAIN" }
  | { kind: "hash"; stored: string; scheme: string; weak: boolean };

/** The columns a login has (a mailbox, a mail account): password, quota, on/off. Undefined leaves a value as it is. */
export type LoginFields = { password: PasswordPlan; quotaMb: number | null | undefined; enabled: boolean | undefined };

type PasswordPolicy = Parameters<typeof policyErrors>[2];

const YES = new Set(["1", "yes", "ja", "sì", "si", "true", "on", "x"]);
const NO = new Set(["0", "no", "nein", "false", "off"]);

function readPassword(raw: string, creating: boolean): PasswordPlan | { error: string; params?: Record<string, string> } {
  if (!raw) return creating ? { error: "passwordMissing" } : { kind: "keep" };
  if (raw.toLowerCase() === "generate") return { kind: "generate" };
  const looksHashed = /^\{[A-Za-z0-9.-]+\}/.test(raw) || /^\$(1|5|6|2[aby]|argon2id?)\$/.test(raw);
  if (!looksHashed) return { kind: "plaintext", password: raw };
  const r = recogniseHash(raw);
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
