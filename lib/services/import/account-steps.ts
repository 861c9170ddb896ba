import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { firstRow, onlyRow } from "@/db/rows";
import { domains, mailAccountAddresses, mailAccountAutoresponders, mailAccounts } from "@/db/schema";
import { type Autoresponder, replyValues } from "@/lib/services/autoresponder/autoresponder";
import { findMailAccountAutoresponder } from "@/lib/services/autoresponder/mail-account-autoresponder";
import { addressOwner } from "@/lib/services/aliases/alias-scope";
import { accountLogin } from "@/lib/services/orders/admin-account";
import { accountUsage, noPanelAllowance } from "@/lib/services/orders/usage";
import { forgetMailUsers, type GoneMailUser } from "@/lib/mail/mail-home-removals";
import { writePasswordHash } from "@/lib/services/passwords/set-password";
import type { PlannedAccountAddress, PlannedMailAccount } from "./plan-accounts";
import type { PlannedAutoresponder } from "./plan-settings";
import type { ImportTarget } from "./plan-import";
import type { SettingConflict } from "./settings-steps";

type StagedAccount = Omit<PlannedMailAccount, "password"> & { hash: string | null };

/** What undoing a mail account line needs: the row it created, or the values it replaced. */
export type AccountUndo =
  | { kind: "accountCreate"; id: number }
  | { kind: "accountChange"; id: number; quotaMb: number | null; enabled: boolean; passwordHash: string | null }
  | { kind: "accountAddress"; id: number }
  | { kind: "accountReply"; id: number; login: string; before: Autoresponder | null };

async function accountOf(tx: Db, customerId: number, number: number) {
  return await firstRow(
    tx
      .select({
        id: mailAccounts.id,
        quotaMb: mailAccounts.quotaMb,
        enabled: mailAccounts.enabled,
        passwordHash: mailAccounts.passwordHash,
        login: mailAccounts.login,
      })
      .from(mailAccounts)
      .where(and(eq(mailAccounts.customerId, customerId), eq(mailAccounts.number, number))),
  );
}

/**
 * A mail account line inside its batch: created under the customer's number (within the account
 * limit of its packages without panel, counted again here), or an existing account changed.
 */
export async function applyMailAccount(tx: Db, target: ImportTarget, a: StagedAccount): Promise<AccountUndo | SettingConflict> {
  if (!target.accounts) return { code: "accountsNeedNoPanel" };
  const tenant = { resellerId: target.resellerId, customerId: target.customerId };
  const before = await accountOf(tx, target.customerId, a.number);
  if (a.op === "create") {
    if (before || !a.hash) return { code: "accountTaken", params: { value: a.address } };
    const max = (await noPanelAllowance(tx, target.customerId)).maxAccounts;
    if (max !== null && (await accountUsage(tx, target.customerId)).accounts + 1 > max) return { code: "accountLimit", params: { max } };
    const row = await onlyRow(
      tx
        .insert(mailAccounts)
        .values({
          ...tenant,
          number: a.number,
          login: accountLogin(target.accounts.customerNumber, a.number),
          passwordHash: a.hash,
          quotaMb: a.quotaMb ?? null,
          enabled: a.enabled ?? true,
          passwordChangedAt: new Date(),
        })
        .returning({ id: mailAccounts.id }),
    );
    return { kind: "accountCreate", id: row.id };
  }
  if (!before) return { code: "accountUnknown", params: { value: a.address } };
  const change: { quotaMb?: number | null; enabled?: boolean } = {};
  if (a.quotaMb !== undefined) change.quotaMb = a.quotaMb;
  if (a.enabled !== undefined) change.enabled = a.enabled;
  if (Object.keys(change).length) await tx.update(mailAccounts).set(change).where(eq(mailAccounts.id, before.id));
  if (a.hash) await writePasswordHash(tx, { kind: "mail_account", id: before.id }, a.hash, { endSessions: true });
  return {
    kind: "accountChange",
    id: before.id,
    quotaMb: before.quotaMb,
    enabled: before.enabled,
    passwordHash: a.hash ? before.passwordHash : null,
  };
}

/** An address routed to a mail account of the customer, on a domain of the subscription. */
export async function applyAccountAddress(tx: Db, target: ImportTarget, a: PlannedAccountAddress): Promise<AccountUndo | SettingConflict> {
  const account = await accountOf(tx, target.customerId, a.number);
  if (!account) return { code: "accountUnknown", params: { value: a.targets[0] ?? "" } };
  if (await addressOwner(tx, a.address)) return { code: "addressTaken", params: { address: a.address } };
  const domain = await firstRow(
    tx
      .select({ id: domains.id })
      .from(domains)
      .where(and(eq(domains.name, a.domain), eq(domains.subscriptionId, target.subscriptionId))),
  );
  if (!domain) return { code: "unknownDomain", params: { domain: a.domain } };
  const row = await onlyRow(
    tx
      .insert(mailAccountAddresses)
      .values({
        resellerId: target.resellerId,
        customerId: target.customerId,
        mailAccountId: account.id,
        domainId: domain.id,
        localPart: a.localPart,
        address: a.address,
      })
      .returning({ id: mailAccountAddresses.id }),
  );
  return { kind: "accountAddress", id: row.id };
}

/** A mail account's autoresponder line: its reply replaced, as the E-Mail-Administration's form saves it. */
export async function applyAccountReply(
  tx: Db,
  target: ImportTarget,
  a: PlannedAutoresponder,
): Promise<Extract<AccountUndo, { kind: "accountReply" }> | SettingConflict> {
  const account = await accountOf(tx, target.customerId, a.account ?? 0);
  if (!account) return { code: "accountUnknown", params: { value: a.address } };
  const before = await findMailAccountAutoresponder(tx, account.id);
  await writeReply(tx, target, account.id, a);
  return { kind: "accountReply", id: account.id, login: account.login, before: before ?? null };
}

async function writeReply(tx: Db, tenant: Pick<ImportTarget, "resellerId" | "customerId">, accountId: number, reply: Autoresponder) {
  const values = replyValues(reply);
  await tx
    .insert(mailAccountAutoresponders)
    .values({ mailAccountId: accountId, resellerId: tenant.resellerId, customerId: tenant.customerId, ...values })
    .onConflictDoUpdate({ target: mailAccountAutoresponders.mailAccountId, set: values });
}

/** Takes a mail account line back (later lines first: an account's addresses go before the account). */
export async function undoAccount(
  tx: Db,
  tenant: Pick<ImportTarget, "resellerId" | "customerId">,
  undo: AccountUndo,
): Promise<GoneMailUser | undefined> {
  if (undo.kind === "accountReply") {
    if (undo.before) await writeReply(tx, tenant, undo.id, undo.before);
    else await tx.delete(mailAccountAutoresponders).where(eq(mailAccountAutoresponders.mailAccountId, undo.id));
    return undefined;
  }
  if (undo.kind === "accountCreate") {
    const gone = await firstRow(
      tx.select({ login: mailAccounts.login, home: mailAccounts.home }).from(mailAccounts).where(eq(mailAccounts.id, undo.id)),
    );
    await tx.delete(mailAccounts).where(eq(mailAccounts.id, undo.id));
    // As a deleted account's: its usage row goes now, its home after the commit (mail may have come meanwhile).
    if (gone) await forgetMailUsers(tx, [gone]);
    return gone;
  }
  if (undo.kind === "accountAddress") await tx.delete(mailAccountAddresses).where(eq(mailAccountAddresses.id, undo.id));
  else {
    await tx.update(mailAccounts).set({ quotaMb: undo.quotaMb, enabled: undo.enabled }).where(eq(mailAccounts.id, undo.id));
    if (undo.passwordHash) await writePasswordHash(tx, { kind: "mail_account", id: undo.id }, undo.passwordHash, { endSessions: true });
  }
  return undefined;
}
