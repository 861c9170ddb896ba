import "server-only";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { domains, forwards, mailboxes, spamSettings } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { displayAddress } from "@/lib/validation/names";

export const MAILBOX_PAGE_SIZE = 50;

/** Which services an address has switched on: the coloured icons of the Plesk address list. */
export type MailboxServices = { mailbox: boolean; forwarding: boolean; spamFilter: boolean };

/**
 * The subscription's addresses, ordered by address, keyset-paged. The caller has already loaded the
 * subscription through getSubscriptionForCustomer; the tenant scope is repeated here regardless.
 */
export function listSubscriptionMailboxes(actor: Actor, subscriptionId: number, opts: { after?: string } = {}, db: Db = getDb()) {
  const rows = db
    .select({
      id: mailboxes.id,
      address: mailboxes.address,
      quotaMb: mailboxes.quotaMb,
      enabled: mailboxes.enabled,
      spam: spamSettings.enabled,
    })
    .from(mailboxes)
    .innerJoin(domains, eq(mailboxes.domainId, domains.id))
    .leftJoin(spamSettings, eq(spamSettings.mailboxId, mailboxes.id))
    .where(and(eq(domains.subscriptionId, subscriptionId), tenantScope(actor, mailboxes), opts.after ? gt(mailboxes.address, opts.after) : undefined))
    .orderBy(asc(mailboxes.address))
    .limit(MAILBOX_PAGE_SIZE + 1)
    .all();
  const page = rows.slice(0, MAILBOX_PAGE_SIZE);
  // One grouped query for the page only, instead of counting every mailbox's forwards.
  const ids = page.map((r) => r.id);
  const forwarded = new Set(
    ids.length ? db.selectDistinct({ id: forwards.mailboxId }).from(forwards).where(inArray(forwards.mailboxId, ids)).all().map((r) => r.id) : [],
  );
  return {
    items: page.map((r) => ({
      id: r.id,
      address: r.address,
      displayAddress: displayAddress(r.address),
      quotaMb: r.quotaMb,
      services: { mailbox: r.enabled, forwarding: forwarded.has(r.id), spamFilter: !!r.spam } satisfies MailboxServices,
    })),
    nextCursor: rows.length > MAILBOX_PAGE_SIZE ? page[page.length - 1].address : null,
  };
}
