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
 * The subscription's addresses, grouped by domain (name order) and by local part within each domain,
 * keyset-paged on `local@domain`. Each step is an index seek on mailboxes(domain_id, local_part), so a
 * page deep inside a 200,000-mailbox domain costs what the first page costs. The caller has already
 * loaded the subscription through getSubscriptionForCustomer; the tenant scope is repeated here regardless.
 */
export function listSubscriptionMailboxes(actor: Actor, subscriptionId: number, opts: { after?: string } = {}, db: Db = getDb()) {
  const subscriptionDomains = db
    .select({ id: domains.id, name: domains.name })
    .from(domains)
    .where(and(eq(domains.subscriptionId, subscriptionId), tenantScope(actor, domains)))
    .orderBy(asc(domains.name))
    .all();
  const at = opts.after?.lastIndexOf("@") ?? -1;
  const cursor = opts.after && at > 0 ? { local: opts.after.slice(0, at), domain: opts.after.slice(at + 1) } : undefined;
  const rows: { id: number; address: string; localPart: string; domainName: string; quotaMb: number | null; enabled: boolean; spam: boolean | null }[] = [];
  for (const d of subscriptionDomains) {
    if (cursor && d.name < cursor.domain) continue;
    const afterLocal = cursor && d.name === cursor.domain ? gt(mailboxes.localPart, cursor.local) : undefined;
    const chunk = db
      .select({ id: mailboxes.id, address: mailboxes.address, localPart: mailboxes.localPart, quotaMb: mailboxes.quotaMb, enabled: mailboxes.enabled, spam: spamSettings.enabled })
      .from(mailboxes)
      .leftJoin(spamSettings, eq(spamSettings.mailboxId, mailboxes.id))
      .where(and(eq(mailboxes.domainId, d.id), tenantScope(actor, mailboxes), afterLocal))
      .orderBy(asc(mailboxes.localPart))
      .limit(MAILBOX_PAGE_SIZE + 1 - rows.length)
      .all();
    rows.push(...chunk.map((r) => ({ ...r, domainName: d.name })));
    if (rows.length > MAILBOX_PAGE_SIZE) break;
  }
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
    nextCursor: rows.length > MAILBOX_PAGE_SIZE ? `${page[page.length - 1].localPart}@${page[page.length - 1].domainName}` : null,
  };
}
