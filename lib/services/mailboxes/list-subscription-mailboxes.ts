import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { inJsonArray, qualified } from "@/db/dialect";
import { type Db, getDb } from "@/db";
import { preparedQuery } from "@/db/prepared";
import { domains, forwards, mailUsage, mailboxes, spamSettings } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { preparedTenantScope, type ScopeKind, scopeKind, tenantParams } from "@/lib/authz/scope";
import { toMailUsage } from "@/lib/services/mail-usage/mail-usage";
import { subscriptionDomainRows } from "@/lib/services/subscriptions/get-subscription-for-customer";
import { displayAddress } from "@/lib/validation/names";

export const MAILBOX_PAGE_SIZE = 50;

/** Which services an address has switched on: the coloured icons of the Plesk address list. */
export type MailboxServices = { mailbox: boolean; forwarding: boolean; spamFilter: boolean };

const placeholder = sql.placeholder;

/**
 * The tenant columns as expressions (unary plus) for the query over several domains: without ANALYZE
 * statistics, which a panel's own database does not have, SQLite cannot size the IN list of domain ids
 * and chose mailboxes_customer_idx, reading and sorting every mailbox of the customer (200,000 on the
 * benchmark's big customer) for a page of small domains. So only the domain index is left to choose.
 */
const unindexedTenant = { resellerId: sql`+${mailboxes.resellerId}`, customerId: sql`+${mailboxes.customerId}` };

/**
 * The list is the panel's busiest page: its queries are built once (db/prepared.ts). Key: scope kind,
 * and which part of the subscription: one domain from its start ("first"), one domain after a cursor
 * ("after"), or several whole small domains at once ("several", in domain name order). The rows bring
 * their services and Dovecot's usage figures along (a join and an index probe per row of the page)
 * instead of two more queries for the page: on PostgreSQL each query is a round trip (issue 23).
 */
const mailboxesOfDomains = preparedQuery((db, key: `${ScopeKind}:${"first" | "after" | "several"}`) => {
  const [scope, part] = key.split(":") as [ScopeKind, "first" | "after" | "several"];
  const query = db
    .select({
      id: mailboxes.id,
      domainId: mailboxes.domainId,
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
    .leftJoin(mailUsage, eq(mailUsage.login, mailboxes.address));
  if (part === "several")
    return query
      .innerJoin(domains, eq(domains.id, mailboxes.domainId))
      .where(and(inJsonArray(mailboxes.domainId, placeholder("domainIds"), "integer"), preparedTenantScope(scope, unindexedTenant)))
      .orderBy(asc(domains.name), asc(mailboxes.localPart))
      .limit(placeholder("limit"));
  return query
    .where(
      and(
        eq(mailboxes.domainId, placeholder("domainId")),
        preparedTenantScope(scope, mailboxes),
        part === "after" ? gt(mailboxes.localPart, placeholder("afterLocal")) : undefined,
      ),
    )
    .orderBy(asc(mailboxes.localPart))
    .limit(placeholder("limit"));
});

export async function listSubscriptionMailboxes(actor: Actor, subscriptionId: number, opts: { after?: string } = {}, db: Db = getDb()) {
  const scope = scopeKind(actor);
  const tenant = tenantParams(actor);
  const subscriptionDomains = await subscriptionDomainRows(actor, subscriptionId, db);
  const at = opts.after?.lastIndexOf("@") ?? -1;
  const cursor = opts.after && at > 0 ? { local: opts.after.slice(0, at), domain: opts.after.slice(at + 1) } : undefined;
  const run = (
    part: "first" | "after" | "several",
    values: { domainId?: number; domainIds?: string; afterLocal?: string },
    limit: number,
  ) => mailboxesOfDomains(db, `${scope}:${part}`).execute({ ...values, limit, ...tenant });
  const rows: Awaited<ReturnType<typeof run>> = [];
  const atCursor = cursor && subscriptionDomains.find((d) => d.name === cursor.domain);
  if (cursor && atCursor) rows.push(...(await run("after", { domainId: atCursor.id, afterLocal: cursor.local }, MAILBOX_PAGE_SIZE + 1)));
  let rest = subscriptionDomains.filter((d) => !cursor || d.name > cursor.domain);
  while (rest.length && rows.length <= MAILBOX_PAGE_SIZE) {
    const need = MAILBOX_PAGE_SIZE + 1 - rows.length;
    // The leading domains that fit whole into what the page still needs (by their maintained
    // counters) come in one query: a subscription's small domains cost one round trip, not one each.
    // A wrong counter costs speed only: the query's order and LIMIT decide what the page shows.
    let whole = 0;
    for (let expected = 0; whole < rest.length && expected + rest[whole].mailboxCount <= need; whole++)
      expected += rest[whole].mailboxCount;
    // Otherwise one domain, read by an index seek however many addresses it has.
    const take = Math.max(whole, 1);
    const ids = rest.slice(0, take).map((d) => d.id);
    rows.push(
      ...(await (take === 1 ? run("first", { domainId: ids[0] }, need) : run("several", { domainIds: JSON.stringify(ids) }, need))),
    );
    rest = rest.slice(take);
  }
  const domainNames = new Map(subscriptionDomains.map((d) => [d.id, d.name]));
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
    // Every row comes from one of the subscription's domains: the queries name their ids.
    nextCursor:
      rows.length > MAILBOX_PAGE_SIZE
        ? `${page[page.length - 1].localPart}@${domainNames.get(page[page.length - 1].domainId) ?? ""}`
        : null,
  };
}
