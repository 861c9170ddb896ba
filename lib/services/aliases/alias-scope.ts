import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { domains, mailAccountAddresses, mailAliases, mailboxes } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { assertMailAdmin, noPanelDomains } from "@/lib/services/mail-accounts/mail-admin-guard";
import { subscriptionDomainRows } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { firstRow } from "@/db/rows";

type Reader = Pick<Db, "select">;

export type AliasDomain = { id: number; name: string; subscriptionId: number; resellerId: number; customerId: number };

/**
 * The domains an actor may hold aliases and a catch-all on: in the panel those of the subscription
 * shown (a customer), in the E-Mail-Administration the customer's domains without panel. Anything
 * else, including another customer's domain, is NotFound (404), never a hint that it exists.
 */
export async function aliasDomains(tx: Reader, actor: Actor, subscriptionId: number | null): Promise<number[]> {
  if (can(actor, "mailadmin.manage")) {
    assertMailAdmin(actor);
    return (await noPanelDomains(tx, actor)).map((d) => d.id);
  }
  if (!can(actor, "mailboxes.manage") || subscriptionId === null) throw new NotFoundError();
  return (await subscriptionDomainRows(actor, subscriptionId, tx as Db)).map((d) => d.id);
}

export async function aliasDomainOrThrow(tx: Reader, actor: Actor, subscriptionId: number | null, domainId: number): Promise<AliasDomain> {
  if (!(await aliasDomains(tx, actor, subscriptionId)).includes(domainId)) throw new NotFoundError();
  const row = await firstRow(
    tx
      .select({
        id: domains.id,
        name: domains.name,
        subscriptionId: domains.subscriptionId,
        resellerId: domains.resellerId,
        customerId: domains.customerId,
      })
      .from(domains)
      .where(and(eq(domains.id, domainId), tenantScope(actor, domains))),
  );
  if (!row) throw new NotFoundError();
  return row;
}

/** An address may exist once: as a mailbox, an address routed to a mail account, or an alias. */
export async function addressOwner(
  tx: Reader,
  address: string,
): Promise<{ kind: "mailbox" | "routed" | "alias"; id: number; customerId: number } | null> {
  const m = await firstRow(
    tx.select({ id: mailboxes.id, customerId: mailboxes.customerId }).from(mailboxes).where(eq(mailboxes.address, address)),
  );
  if (m) return { kind: "mailbox", ...m };
  const r = await firstRow(
    tx
      .select({ id: mailAccountAddresses.id, customerId: mailAccountAddresses.customerId })
      .from(mailAccountAddresses)
      .where(eq(mailAccountAddresses.address, address)),
  );
  if (r) return { kind: "routed", ...r };
  const a = await firstRow(
    tx.select({ id: mailAliases.id, customerId: mailAliases.customerId }).from(mailAliases).where(eq(mailAliases.address, address)),
  );
  return a ? { kind: "alias", ...a } : null;
}
