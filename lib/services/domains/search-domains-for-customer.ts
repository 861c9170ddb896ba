import "server-only";
import { likeAnyCase } from "@/db/dialect";
import { and, asc, desc, eq, gt, lt, or, type SQL } from "drizzle-orm";
import { domainToASCII } from "node:url";
import { type Db, getDb } from "@/db";
import { domains, packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { mailAccountUsage, type MailAccountUsage } from "@/lib/services/orders/usage";
import { displayDomain } from "@/lib/validation/names";

export const DOMAIN_PAGE_SIZE = 25;

export type DomainSearch = { q?: string; after?: string; before?: string; pageSize?: number };

/** `%` and `_` typed by the user are literal characters, not wildcards. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The ASCII name fragments a search term can match: as typed, and as punycode for Unicode labels. */
function searchCondition(q: string): SQL | undefined {
  const term = q.trim().toLowerCase();
  if (!term) return undefined;
  const terms = new Set([term]);
  if (/[^\p{ASCII}]/u.test(term)) {
    const ascii = domainToASCII(term);
    if (ascii) terms.add(ascii);
  }
  return or(...[...terms].map((t) => likeAnyCase(domains.name, `%${escapeLike(t)}%`)));
}

/**
 * One page of the customer's domains, ordered by name, with keyset paging (`after`/`before` a name)
 * so page 20 costs what page 1 costs. Each row carries the package, its panel and the mailbox usage
 * of the whole subscription against the package limit (the subscription's maintained counter).
 * Packages without panel hold mail accounts, not mailboxes: their usage is the customer's mail
 * accounts (`mailAccounts`, the figure the E-Mail-Administration shows), computed once per page.
 */
export async function searchDomainsForCustomer(actor: Actor, search: DomainSearch = {}, db: Db = getDb()) {
  const size = Math.min(Math.max(search.pageSize ?? DOMAIN_PAGE_SIZE, 1), 100);
  const backwards = !search.after && !!search.before;
  const cursor = search.after ? gt(domains.name, search.after) : search.before ? lt(domains.name, search.before) : undefined;
  const rows = await db
    .select({
      id: domains.id,
      name: domains.name,
      mailboxCount: domains.mailboxCount,
      subscriptionId: domains.subscriptionId,
      packageName: packages.name,
      panel: packages.panel,
      maxMailboxes: packages.maxMailboxes,
      subscriptionMailboxes: subscriptions.mailboxCount,
    })
    .from(domains)
    .innerJoin(subscriptions, eq(domains.subscriptionId, subscriptions.id))
    .innerJoin(packages, eq(subscriptions.packageId, packages.id))
    .where(and(eq(domains.customerId, actor.customerId ?? -1), tenantScope(actor, domains), searchCondition(search.q ?? ""), cursor))
    .orderBy(backwards ? desc(domains.name) : asc(domains.name))
    .limit(size + 1);
  const hasMore = rows.length > size;
  const page = rows.slice(0, size);
  if (backwards) page.reverse();
  const mailAccounts: MailAccountUsage | null = page.some((r) => r.panel === "none")
    ? await mailAccountUsage(db, actor.customerId ?? -1)
    : null;
  return {
    items: page.map((r) => ({ ...r, displayName: displayDomain(r.name) })),
    mailAccounts,
    // Forward: more after the last row. Backward: a previous page exists when we overflowed.
    nextCursor: (backwards ? !!search.before : hasMore) && page.length ? page[page.length - 1].name : null,
    prevCursor: (backwards ? hasMore : !!search.after) && page.length ? page[0].name : null,
  };
}
