import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { firstRow } from "@/db/rows";
import { domains, mailAccounts, mailboxes } from "@/db/schema";
import { accountLogin } from "@/lib/services/orders/admin-account";
import { canonicalAddress, canonicalDomain } from "@/lib/validation/names";
import { type AccountTarget, accountNumber } from "./plan-accounts";
import type { ImportTarget } from "./plan-import";
import type { SettingProblem } from "./plan-settings";
import { readFlag } from "./plan-fields";
import type { CsvRow } from "./read-csv";
import type { SettingConflict } from "./settings-steps";

/**
 * `catch_all` lines: mail to unknown addresses of a domain (address: the domain) goes to `targets`, a
 * mailbox of that same domain, or for a package without panel a mail account of the customer (its login
 * or number), as "Catch-all" in the panel and the E-Mail-Administration sets it (lib/services/aliases/catch-all.ts).
 * With `enabled` no (and no targets) the line switches the domain's catch-all off.
 */
export const CATCH_ALL_TYPE = "catch_all";

export type PlannedCatchAll = {
  line: number;
  kind: "catchAll";
  op: "change";
  /** The domain. */
  address: string;
  /** What the preview shows: the mailbox or the account's login under the target customer's number; none: off. */
  targets: [string] | [];
  mailbox: string | null;
  account: number | null;
};

/** What the planner knows for the line: the domain's place, the file's and the database's mailboxes and accounts. */
export type CatchAllContext = {
  domainProblem: (domain: string) => Promise<SettingProblem | null>;
  isOwnMailbox: (address: string) => Promise<boolean>;
  accounts: (AccountTarget & { customerId: number }) | null;
  isKnownAccount: (number: number) => Promise<boolean>;
};

export async function planCatchAll({ line, cells }: CsvRow, ctx: CatchAllContext): Promise<PlannedCatchAll | SettingProblem[]> {
  const domain = canonicalDomain(cells.address);
  const refused = await ctx.domainProblem(domain);
  if (refused) return [refused];
  const target = cells.targets.trim();
  const enabled = readFlag(cells.enabled);
  if (enabled === "invalid") return [{ code: "enabledInvalid", params: { value: cells.enabled.slice(0, 20) } }];
  const base = { line, kind: "catchAll", op: "change", address: domain } as const;
  if (enabled === false)
    return target ? [{ code: "catchAllOffTarget", params: { domain } }] : { ...base, targets: [], mailbox: null, account: null };
  if (!target) return [{ code: "targetsMissing" }];
  if (ctx.accounts) {
    const number = accountNumber(target);
    if (number === null) return [{ code: "accountInvalid", params: { value: target.slice(0, 80) } }];
    const login = accountLogin(ctx.accounts.customerNumber, number);
    if (!(await ctx.isKnownAccount(number))) return [{ code: "accountUnknown", params: { value: login } }];
    return { ...base, targets: [login], mailbox: null, account: number };
  }
  const address = canonicalAddress(target);
  // The panel's rule: a domain's catch-all is one of its own mailboxes.
  if (!address.endsWith(`@${domain}`)) return [{ code: "catchAllOtherDomain", params: { domain } }];
  if (!(await ctx.isOwnMailbox(address))) return [{ code: "forwardNoMailbox", params: { address } }];
  return { ...base, targets: [address], mailbox: address, account: null };
}

/** What undoing a catch-all line needs: the domain's catch-all before. */
export type CatchAllUndo = { kind: "catchAll"; domainId: number; mailboxId: number | null; accountId: number | null };

/** A catch-all line inside its batch: the domain, mailbox or account looked up again, then set. */
export async function applyCatchAll(tx: Db, target: ImportTarget, a: PlannedCatchAll): Promise<CatchAllUndo | SettingConflict> {
  const domain = await firstRow(
    tx
      .select({ id: domains.id, mailboxId: domains.catchAllMailboxId, accountId: domains.catchAllMailAccountId })
      .from(domains)
      .where(and(eq(domains.name, a.address), eq(domains.subscriptionId, target.subscriptionId))),
  );
  if (!domain) return { code: "unknownDomain", params: { domain: a.address } };
  let set: { catchAllMailboxId: number | null; catchAllMailAccountId: number | null };
  if (!a.targets.length) set = { catchAllMailboxId: null, catchAllMailAccountId: null };
  else if (a.account !== null) {
    const account = await firstRow(
      tx
        .select({ id: mailAccounts.id })
        .from(mailAccounts)
        .where(and(eq(mailAccounts.customerId, target.customerId), eq(mailAccounts.number, a.account))),
    );
    if (!account) return { code: "accountUnknown", params: { value: a.targets[0] } };
    set = { catchAllMailboxId: null, catchAllMailAccountId: account.id };
  } else {
    const box = await firstRow(
      tx
        .select({ id: mailboxes.id })
        .from(mailboxes)
        .where(and(eq(mailboxes.address, a.mailbox ?? ""), eq(mailboxes.domainId, domain.id), eq(mailboxes.customerId, target.customerId))),
    );
    if (!box) return { code: "forwardNoMailbox", params: { address: a.targets[0] } };
    set = { catchAllMailboxId: box.id, catchAllMailAccountId: null };
  }
  await tx.update(domains).set(set).where(eq(domains.id, domain.id));
  return { kind: "catchAll", domainId: domain.id, mailboxId: domain.mailboxId, accountId: domain.accountId };
}

/** Puts the domain's catch-all back; one whose mailbox or account was deleted meanwhile stays off. */
export async function undoCatchAll(tx: Db, undo: CatchAllUndo) {
  const box =
    undo.mailboxId === null
      ? undefined
      : await firstRow(tx.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.id, undo.mailboxId)));
  const account =
    undo.accountId === null
      ? undefined
      : await firstRow(tx.select({ id: mailAccounts.id }).from(mailAccounts).where(eq(mailAccounts.id, undo.accountId)));
  await tx
    .update(domains)
    .set({ catchAllMailboxId: box?.id ?? null, catchAllMailAccountId: account?.id ?? null })
    .where(eq(domains.id, undo.domainId));
}
