import "server-only";
import { and, count, eq, inArray, like, or } from "drizzle-orm";
import type { Db } from "@/db";
import { firstRow } from "@/db/rows";
import { forwards, mailAliases, mailAliasTargets, mailboxes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { syncMailboxSieveSafely } from "@/lib/mail/sieve/sync";
import { withoutSubAddress } from "@/lib/validation/local-part";
import { writeAudit } from "@/lib/services/audit/write-audit";

type Tx = Db;

/** Addresses that stopped existing here: single addresses, and every address of whole domains. */
export type GoneAddresses = { addresses?: string[]; domains?: string[] };

/**
 * The one rule for targets that name an address Kontor no longer has (issue 21), called inside the
 * transaction that deleted it (a mailbox, an alias, an address routed to a mail account, or a
 * subscription's domains). As Plesk does, and as aliases always did here:
 *  - the customer's own alias targets naming it go, and aliases left without a target go too
 *    (dropAliasTargets); an alias may only name the customer's own addresses;
 *  - the customer's own mailboxes' forwarding targets naming it go: the customer deleted the address
 *    itself, and once a domain is no longer ours Postfix would relay the mail out (and back, while the
 *    domain's MX still points here);
 *  - other customers' forwards stay. To them it is an outside address like any other: another tenant's
 *    deletion must not change (nor, through their audit log, reveal) their settings, and mail to it is
 *    refused like mail to any address that no longer exists, or reaches the domain's new host.
 * Matching is by the canonical address (targets are stored canonical), as for aliases; a forward to
 * `name+tag@domain` names `name@domain` too, since that is where Postfix and Dovecot file its mail.
 * Each removed forward is audited on its mailbox (`mailbox.forward.remove`, reason `address_deleted`).
 * Returns the mailboxes whose forwarding changed: their Sieve scripts are rewritten after the commit
 * (syncForwardingAfterCommit).
 */
export async function dropTargetsOf(
  tx: Tx,
  actor: Actor,
  customerId: number,
  gone: GoneAddresses,
  ip: string | null | undefined,
): Promise<number[]> {
  const domainNames = gone.domains ?? [];
  const addresses = [...(gone.addresses ?? []), ...(await aliasTargetsInto(tx, customerId, domainNames))];
  const emptiedAliases = await dropAliasTargets(tx, customerId, addresses);
  return await dropForwardTargets(tx, actor, customerId, [...addresses, ...emptiedAliases], domainNames, ip);
}

/** After the commit: the changed mailboxes' Sieve scripts (Dovecot applies forwarding through them). */
export async function syncForwardingAfterCommit(db: Db, mailboxIds: number[]): Promise<void> {
  for (const id of new Set(mailboxIds)) await syncMailboxSieveSafely(db, id);
}

/**
 * Alias targets of the customer naming an address in the given domains (domain names are canonical:
 * letters, digits, dots, dashes, nothing LIKE reads as a wildcard).
 */
async function aliasTargetsInto(tx: Tx, customerId: number, domainNames: string[]): Promise<string[]> {
  if (!domainNames.length) return [];
  const rows = await tx
    .selectDistinct({ target: mailAliasTargets.target })
    .from(mailAliasTargets)
    .where(and(eq(mailAliasTargets.customerId, customerId), or(...domainNames.map((n) => like(mailAliasTargets.target, `%@${n}`)))));
  return rows.map((r) => r.target);
}

/**
 * Removes the customer's alias targets naming `addresses`, and aliases left without a target (Postfix
 * would otherwise accept mail for them and bounce it later). Returns the addresses of the aliases that
 * went, following the chain: an alias that went may itself have been a target (aliases are loop-free).
 */
export async function dropAliasTargets(tx: Tx, customerId: number, addresses: string[]): Promise<string[]> {
  if (!addresses.length) return [];
  const pointing = and(eq(mailAliasTargets.customerId, customerId), inArray(mailAliasTargets.target, addresses));
  const affected = (await tx.select({ aliasId: mailAliasTargets.aliasId }).from(mailAliasTargets).where(pointing)).map((r) => r.aliasId);
  if (!affected.length) return [];
  await tx.delete(mailAliasTargets).where(pointing);
  const emptied: string[] = [];
  for (const aliasId of new Set(affected)) {
    const left = await firstRow(tx.select({ n: count() }).from(mailAliasTargets).where(eq(mailAliasTargets.aliasId, aliasId)));
    if (left?.n) continue;
    const gone = await firstRow(tx.delete(mailAliases).where(eq(mailAliases.id, aliasId)).returning({ address: mailAliases.address }));
    if (gone) emptied.push(gone.address);
  }
  return [...emptied, ...(await dropAliasTargets(tx, customerId, emptied))];
}

async function dropForwardTargets(
  tx: Tx,
  actor: Actor,
  customerId: number,
  addresses: string[],
  domainNames: string[],
  ip: string | null | undefined,
): Promise<number[]> {
  const ids = (await forwardsNaming(tx, customerId, addresses, domainNames)).map((f) => f.id);
  if (!ids.length) return [];
  const rows = await tx
    .delete(forwards)
    .where(inArray(forwards.id, ids))
    .returning({ mailboxId: forwards.mailboxId, target: forwards.target });
  if (!rows.length) return [];
  const onMailbox = await forwardAuditTargets(
    tx,
    rows.map((r) => r.mailboxId),
    ip,
  );
  for (const r of rows) {
    const on = onMailbox.get(r.mailboxId);
    if (on)
      await writeAudit(tx, actor, { action: "mailbox.forward.remove", ...on, details: { target: r.target, reason: "address_deleted" } });
  }
  return [...onMailbox.keys()];
}

/**
 * The customer's forwards naming one of `addresses` (with or without a sub-address tag) or any address
 * in `domainNames`. Candidates come by domain (domain names are canonical: nothing LIKE reads as a
 * wildcard), the tag is compared here, where the local part's `_` is no wildcard either.
 */
export async function forwardsNaming(tx: Tx, customerId: number, addresses: string[], domainNames: string[]) {
  const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1);
  const searched = [...new Set([...addresses.map(domainOf), ...domainNames])];
  if (!searched.length) return [];
  const named = new Set(addresses);
  const whole = new Set(domainNames);
  const rows = await tx
    .select({ id: forwards.id, mailboxId: forwards.mailboxId, target: forwards.target })
    .from(forwards)
    .where(and(eq(forwards.customerId, customerId), or(...searched.map((n) => like(forwards.target, `%@${n}`)))));
  return rows.filter((f) => whole.has(domainOf(f.target)) || named.has(withoutSubAddress(f.target)));
}

/** Where a changed forward is audited: on its mailbox, in the mailbox's tenant. */
export async function forwardAuditTargets(tx: Tx, mailboxIds: number[], ip: string | null | undefined) {
  const boxes = await tx
    .select({ id: mailboxes.id, address: mailboxes.address, resellerId: mailboxes.resellerId, customerId: mailboxes.customerId })
    .from(mailboxes)
    .where(inArray(mailboxes.id, [...new Set(mailboxIds)]));
  return new Map(
    boxes.map((b) => [
      b.id,
      { targetKind: "mailbox" as const, targetId: b.id, targetLabel: b.address, resellerId: b.resellerId, customerId: b.customerId, ip },
    ]),
  );
}
