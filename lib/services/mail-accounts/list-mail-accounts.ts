import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailAccountAddresses, mailAccounts } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { displayAddress } from "@/lib/validation/names";

/** The customer's mail accounts (.001, .002 …) with the addresses routed to each. */
export async function listMailAccounts(actor: Actor, db: Db = getDb()) {
  const accounts = await db
    .select({ id: mailAccounts.id, login: mailAccounts.login, number: mailAccounts.number, quotaMb: mailAccounts.quotaMb })
    .from(mailAccounts)
    .where(and(eq(mailAccounts.customerId, actor.customerId ?? -1), tenantScope(actor, mailAccounts)))
    .orderBy(asc(mailAccounts.number));
  const ids = accounts.map((a) => a.id);
  const addresses = ids.length
    ? await db
        .select({ accountId: mailAccountAddresses.mailAccountId, address: mailAccountAddresses.address })
        .from(mailAccountAddresses)
        .where(and(inArray(mailAccountAddresses.mailAccountId, ids), tenantScope(actor, mailAccountAddresses)))
        .orderBy(asc(mailAccountAddresses.address))
    : [];
  return accounts.map((a) => ({
    ...a,
    addresses: addresses.filter((x) => x.accountId === a.id).map((x) => displayAddress(x.address)),
  }));
}
