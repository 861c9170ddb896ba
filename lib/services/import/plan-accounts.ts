import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { firstRow } from "@/db/rows";
import { mailAccounts } from "@/db/schema";
import { customerNumberOf } from "@/lib/services/mail-accounts/mail-admin-guard";
import { accountLogin } from "@/lib/services/orders/admin-account";
import { accountUsage, noPanelAllowance } from "@/lib/services/orders/usage";
import { type LoginFields, readFlag, readLoginFields } from "./plan-fields";
import { type PlannedAutoresponder, planSetting, type SettingProblem } from "./plan-settings";
import type { CsvRow } from "./read-csv";

type Reader = Pick<Db, "select">;
type PasswordPolicy = Parameters<typeof readLoginFields>[3];

/**
 * The E-Mail-Administration's lines, for a package without panel: `mail_account` (address: the
 * account's login such as `k10001.002`, or only its number; password, quota_mb, enabled as for a
 * mailbox) and `account_address` (an address of the subscription's domains; targets: the account).
 * Accounts are the customer's, numbered per customer: an exported `k10001.002` becomes `.002` of the
 * customer imported into, under that customer's number.
 */
export const ACCOUNT_TYPES = ["mail_account", "account_address"] as const;

/** The customer's number and the account limits of all its packages without panel together. */
export type AccountTarget = { customerNumber: string; maxAccounts: number | null; quotaMb: number | null; used: number };

export type PlannedMailAccount = {
  line: number;
  kind: "mailAccount";
  op: "create" | "change";
  /** The login under the target customer's number (what the preview shows). */
  address: string;
  number: number;
} & LoginFields;
export type PlannedAccountAddress = {
  line: number;
  kind: "accountAddress";
  op: "create";
  address: string;
  localPart: string;
  domain: string;
  number: number;
  targets: string[];
};
export type PlannedAccountLine = PlannedMailAccount | PlannedAccountAddress;

export async function accountTarget(db: Reader, customerId: number): Promise<AccountTarget> {
  const allowance = await noPanelAllowance(db, customerId);
  return {
    customerNumber: await customerNumberOf(db, customerId),
    maxAccounts: allowance.maxAccounts,
    quotaMb: allowance.quotaMb,
    used: (await accountUsage(db, customerId)).accounts,
  };
}

/** `k10001.002`, `.002`, `002` or `2` → 2; null for anything else. */
export function accountNumber(raw: string): number | null {
  const m = /^(?:[a-z0-9-]*\.)?(\d{1,3})$/i.exec(raw.trim());
  const n = m ? Number(m[1]) : 0;
  return n >= 1 ? n : null;
}

/** What the lines before have declared, for the lines after (accounts created, the limit used). */
export type AccountState = { fileAccounts: Set<number>; added: number };

/** A `mail_account` line: a new account or a change of an existing one of the customer. */
export async function planMailAccount(
  db: Reader,
  target: AccountTarget & { customerId: number },
  { line, cells }: CsvRow,
  state: AccountState,
  policy: PasswordPolicy,
): Promise<PlannedMailAccount | SettingProblem[]> {
  const number = accountNumber(cells.address);
  if (number === null) return [{ code: "accountInvalid", params: { value: cells.address.slice(0, 80) } }];
  const login = accountLogin(target.customerNumber, number);
  const existing = await firstRow(
    db
      .select({ id: mailAccounts.id })
      .from(mailAccounts)
      .where(and(eq(mailAccounts.customerId, target.customerId), eq(mailAccounts.number, number))),
  );
  const creating = !existing;
  const fields = readLoginFields(cells, creating, [login, target.customerNumber.toLowerCase()], policy, target.quotaMb);
  const problems = [...fields.problems];
  if (creating && target.maxAccounts !== null && target.used + ++state.added > target.maxAccounts)
    problems.push({ code: "accountLimit", params: { max: target.maxAccounts } });
  state.fileAccounts.add(number);
  if (!fields.ok || problems.length) return problems;
  return { line, kind: "mailAccount", op: creating ? "create" : "change", address: login, number, ...fields.ok };
}

/** An `account_address` line (its address already checked to be new and on the subscription's domains). */
export async function planAccountAddress(
  db: Reader,
  target: AccountTarget & { customerId: number },
  { line, cells }: CsvRow,
  at: { address: string; localPart: string; domain: string },
  state: AccountState,
): Promise<PlannedAccountAddress | SettingProblem[]> {
  const number = accountNumber(cells.targets);
  if (number === null) return [{ code: "accountInvalid", params: { value: cells.targets.slice(0, 80) } }];
  const login = accountLogin(target.customerNumber, number);
  if (!(await isKnownAccount(db, target, state, number))) return [{ code: "accountUnknown", params: { value: login } }];
  return { line, kind: "accountAddress", op: "create", ...at, number, targets: [login] };
}

/** An account of the customer, or one a `mail_account` line before has declared. */
export async function isKnownAccount(db: Reader, target: { customerId: number }, state: AccountState, number: number): Promise<boolean> {
  if (state.fileAccounts.has(number)) return true;
  const row = await firstRow(
    db
      .select({ id: mailAccounts.id })
      .from(mailAccounts)
      .where(and(eq(mailAccounts.customerId, target.customerId), eq(mailAccounts.number, number))),
  );
  return !!row;
}

/**
 * An `autoresponder` line whose address is an account (its login or number): the same columns and the
 * same schema as a mailbox's (lib/services/import/plan-settings.ts), for the E-Mail-Administration's reply.
 */
export async function planAccountAutoresponder(
  db: Reader,
  target: AccountTarget & { customerId: number },
  row: CsvRow,
  state: AccountState,
): Promise<PlannedAutoresponder | SettingProblem[]> {
  const number = accountNumber(row.cells.address);
  if (number === null) return [{ code: "accountInvalid", params: { value: row.cells.address.slice(0, 80) } }];
  const login = accountLogin(target.customerNumber, number);
  if (!(await isKnownAccount(db, target, state, number))) return [{ code: "accountUnknown", params: { value: login } }];
  const enabled = readFlag(row.cells.enabled);
  if (enabled === "invalid") return [{ code: "enabledInvalid", params: { value: row.cells.enabled.slice(0, 20) } }];
  const planned = planSetting("autoresponder", row, login, enabled, new Set());
  if (!("kind" in planned)) return [planned];
  return planned.kind === "autoresponder" ? { ...planned, account: number } : [];
}
