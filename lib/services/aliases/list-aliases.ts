import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, mailAccounts, mailAliases, mailAliasTargets, mailboxes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { tenantScope } from "@/lib/authz/scope";
import { displayAddress, displayDomain } from "@/lib/validation/names";
import { aliasDomains } from "./alias-scope";

export type AliasRow = { id: number; domainId: number; localPart: string; address: string; displayAddress: string; targets: string[] };
export type CatchAllRow = {
  domainId: number;
  domain: string;
  mailboxId: number | null;
  mailboxes: { id: number; address: string }[];
  mailAccountId: number | null;
  /** Offered in the E-Mail-Administration only: its domains have mail accounts, not mailboxes. */
  mailAccounts: { id: number; login: string }[];
};

/** The aliases of the actor's domains (a panel subscription, or the E-Mail-Administration's domains). */
export async function listAliases(actor: Actor, subscriptionId: number | null, db: Db = getDb()): Promise<AliasRow[]> {
  const ids = await aliasDomains(db, actor, subscriptionId);
  if (!ids.length) return [];
  const rows = await db
    .select({
      id: mailAliases.id,
      domainId: mailAliases.domainId,
      localPart: mailAliases.localPart,
      address: mailAliases.address,
      target: mailAliasTargets.target,
    })
    .from(mailAliases)
    .innerJoin(mailAliasTargets, eq(mailAliasTargets.aliasId, mailAliases.id))
    .where(and(inArray(mailAliases.domainId, ids), tenantScope(actor, mailAliases)))
    .orderBy(asc(mailAliases.address), asc(mailAliasTargets.target));
  const byId = new Map<number, AliasRow>();
  for (const r of rows) {
    const row = byId.get(r.id) ?? {
      id: r.id,
      domainId: r.domainId,
      localPart: r.localPart,
      address: r.address,
      displayAddress: displayAddress(r.address),
      targets: [],
    };
    row.targets.push(displayAddress(r.target));
    byId.set(r.id, row);
  }
  return [...byId.values()];
}

/** Per domain of the actor: its catch-all mailbox (or none) and the mailboxes it may point to. */
export async function listCatchAlls(actor: Actor, subscriptionId: number | null, db: Db = getDb()): Promise<CatchAllRow[]> {
  const ids = await aliasDomains(db, actor, subscriptionId);
  if (!ids.length) return [];
  const rows = await db
    .select({ id: domains.id, name: domains.name, catchAll: domains.catchAllMailboxId, catchAllAccount: domains.catchAllMailAccountId })
    .from(domains)
    .where(and(inArray(domains.id, ids), tenantScope(actor, domains)))
    .orderBy(asc(domains.name));
  const accounts = can(actor, "mailadmin.manage")
    ? await db
        .select({ id: mailAccounts.id, login: mailAccounts.login })
        .from(mailAccounts)
        .where(and(eq(mailAccounts.customerId, actor.customerId ?? -1), tenantScope(actor, mailAccounts)))
        .orderBy(asc(mailAccounts.number))
    : [];
  return Promise.all(
    rows.map(async (d) => ({
      domainId: d.id,
      domain: displayDomain(d.name),
      mailboxId: d.catchAll,
      mailAccountId: d.catchAllAccount,
      mailAccounts: accounts,
      // A domain's mailboxes for the choice; a catch-all is set on small domains, large ones list many.
      mailboxes: (
        await db
          .select({ id: mailboxes.id, address: mailboxes.address })
          .from(mailboxes)
          .where(and(eq(mailboxes.domainId, d.id), tenantScope(actor, mailboxes)))
          .orderBy(asc(mailboxes.address))
          .limit(500)
      ).map((m) => ({ id: m.id, address: displayAddress(m.address) })),
    })),
  );
}

/** "Ihre weiteren Adressen": aliases that deliver to this address, and domains whose catch-all it is. */
export async function otherAddressesOf(
  mailbox: { id: number; address: string },
  db: Db = getDb(),
): Promise<{ aliases: string[]; catchAllDomains: string[] }> {
  const aliases = (
    await db
      .select({ address: mailAliases.address })
      .from(mailAliasTargets)
      .innerJoin(mailAliases, eq(mailAliasTargets.aliasId, mailAliases.id))
      .where(eq(mailAliasTargets.target, mailbox.address))
      .orderBy(asc(mailAliases.address))
  ).map((r) => displayAddress(r.address));
  const catchAllDomains = (await db.select({ name: domains.name }).from(domains).where(eq(domains.catchAllMailboxId, mailbox.id))).map(
    (d) => displayDomain(d.name),
  );
  return { aliases, catchAllDomains };
}
