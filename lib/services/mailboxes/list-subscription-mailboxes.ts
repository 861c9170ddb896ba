import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { qualified } from "@/db/dialect";
import { type Db, getDb } from "@/db";
import { preparedQuery } from "@/db/prepared";
import { forwards, mailUsage, mailboxes, spamSettings } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { preparedTenantScope, type ScopeKind, scopeKind, tenantParams } from "@/lib/authz/scope";
import { toMailUsage } from "@/lib/services/mail-usage/mail-usage";
import { subscriptionDomainRows } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { displayAddress } from "@/lib/validation/names";

export const MAILBOX_PAGE_SIZE = 50;

/** Which services an address has switched on: the coloured icons of the Plesk address list. */
export type MailboxServices = { mailbox: boolean; forwarding: boolean; spamFilter: boolean };

const placeholder = sql.placeholder;

// The list is the panel's busiest page: its queries are built once (db/prepared.ts).
/**
 * Key: scope kind, and whether the page starts after a cursor inside the domain. The rows bring their
 * services and Dovecot's usage figures along (a join and an index probe per row of the page) instead
 * of two more queries for the page: on PostgreSQL each query is a round trip (issue 23).
 */
const mailboxesOfDomain = preparedQuery((db, key: `${ScopeKind}:${"first" | "after"}`) => {
  const [scope, from] = key.split(":") as [ScopeKind, "first" | "after"];
  return db
    .select({
      id: mailboxes.id,
      address: mailboxes.address,
      localPart: mailboxes.localPart,
      quotaMb: mailboxes.quotaMb,
      enabled: mailboxes.enabled,
      spam: spamSettings.enabled,
      forwarded: sql<number>`(CASE WHEN EXISTS (SELECT 1 FROM ${forwards} WHERE ${qualified("forwards", "mailbox_id")} = ${qualified("mailboxes", "id")}) THEN 1 ELSE 0 END)`,
      storageBytes: mailUsage.storageBytes,
      lastLogin: mailUsage.lastLogin,
    })
    .from(mailboxes)
    .leftJoin(spamSettings, eq(spamSettings.mailboxId, mailboxes.id))
    .leftJoin(mailUsage, eq(mailUsage.login, mailboxes.address))
    .where(
      and(
        eq(mailboxes.domainId, placeholder("domainId")),
        preparedTenantScope(scope, mailboxes),
        from === "after" ? gt(mailboxes.localPart, placeholder("afterLocal")) : undefined,
      ),
    )
    .orderBy(asc(mailboxes.localPart))
    .limit(placeholder("limit"))
    .prepare();
});
/**
 * The subscription's addresses, grouped by domain (name order) and by local part within each domain,
 * keyset-paged on `local@domain`. Each step is an index seek on mailboxes(domain_id, local_part), so a
 * page deep inside a 200,000-mailbox domain costs what the first page costs. The caller has already
 * loaded the subscription through getSubscriptionForCustomer; the tenant scope is repeated here regardless.
 */
export async function listSubscriptionMailboxes(actor: Actor, subscriptionId: number, opts: { after?: string } = {}, db: Db = getDb()) {
  const scope = scopeKind(actor);
  const tenant = tenantParams(actor);
  const subscriptionDomains = await subscriptionDomainRows(actor, subscriptionId, db);
  const at = opts.after?.lastIndexOf("@") ?? -1;
  const cursor = opts.after && at > 0 ? { local: opts.after.slice(0, at), domain: opts.after.slice(at + 1) } : undefined;
  type Row = Awaited<ReturnType<ReturnType<typeof mailboxesOfDomain>["execute"]>>[number] & { domainName: string };
  const rows: Row[] = [];
  for (const d of subscriptionDomains) {
    if (cursor && d.name < cursor.domain) continue;
    const inside = cursor && d.name === cursor.domain;
    const chunk = await mailboxesOfDomain(db, `${scope}:${inside ? "after" : "first"}`).execute({
      domainId: d.id,
      afterLocal: inside ? cursor.local : undefined,
      limit: MAILBOX_PAGE_SIZE + 1 - rows.length,
      ...tenant,
    });
    rows.push(...chunk.map((r) => ({ ...r, domainName: d.name })));
    if (rows.length > MAILBOX_PAGE_SIZE) break;
  }
  const page = rows.slice(0, MAILBOX_PAGE_SIZE);
  return {
    items: page.map((r) => ({
      id: r.id,
      address: r.address,
      displayAddress: displayAddress(r.address),
      quotaMb: r.quotaMb,
      // Storage in use and last login as Dovecot wrote them (mail_usage): never doveadm per row.
      ...toMailUsage(r),
      services: { mailbox: r.enabled, forwarding: r.forwarded === 1, spamFilter: !!r.spam } satisfies MailboxServices,
    })),
    nextCursor: rows.length > MAILBOX_PAGE_SIZE ? `${page[page.length - 1].localPart}@${page[page.length - 1].domainName}` : null,
  };
}
