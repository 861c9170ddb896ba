import "server-only";
import { escapeLike, likeAnyCase } from "@/db/dialect";
import { and, asc, desc, eq, gt, lt, or, sql } from "drizzle-orm";
import { domainToASCII } from "node:url";
import { type Db, getDb } from "@/db";
import { domains, packages, subscriptions } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { preparedTenantScope, type ScopeKind, scopeKind, tenantParams } from "@/lib/authz/scope";
import { preparedQuery } from "@/db/prepared";
import { mailAccountUsage, type MailAccountUsage } from "@/lib/services/orders/usage";
import { displayDomain } from "@/lib/validation/names";

export const DOMAIN_PAGE_SIZE = 25;

export type DomainSearch = { q?: string; after?: string; before?: string; pageSize?: number };

/** The ASCII name patterns a search term matches: as typed, and as punycode for Unicode labels. */
function searchPatterns(q: string): string[] {
  const term = q.trim().toLowerCase();
  if (!term) return [];
  const terms = new Set([term]);
  if (/[^\p{ASCII}]/u.test(term)) {
    const ascii = domainToASCII(term);
    if (ascii) terms.add(ascii);
  }
  return [...terms].map((t) => `%${escapeLike(t)}%`);
}

type Cursor = "first" | "after" | "before";

/**
 * The page query, prepared (db/prepared.ts) per tenant scope, cursor and number of search patterns (0–2):
 * the customer's start page in the panel, whose planning was half of PostgreSQL's time per view
 * (docs/scaling.md, "Session 14").
 */
const domainPage = preparedQuery((db, key: `${ScopeKind}:${Cursor}:${number}`) => {
  const [scope, cursor, patterns] = key.split(":") as [ScopeKind, Cursor, string];
  const search = Array.from({ length: Number(patterns) }, (_, i) => likeAnyCase(domains.name, sql.placeholder(`pattern${i}`)));
  const cursorName = sql.placeholder("cursor");
  return db
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
    .where(
      and(
        eq(domains.customerId, sql.placeholder("customerId")),
        preparedTenantScope(scope, { resellerId: domains.resellerId, customerId: domains.customerId }),
        search.length ? or(...search) : undefined,
        cursor === "after" ? gt(domains.name, cursorName) : cursor === "before" ? lt(domains.name, cursorName) : undefined,
      ),
    )
    .orderBy(cursor === "before" ? desc(domains.name) : asc(domains.name))
    .limit(sql.placeholder("limit"));
});

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
  const cursor: Cursor = search.after ? "after" : search.before ? "before" : "first";
  const patterns = searchPatterns(search.q ?? "");
  const rows = await domainPage(db, `${scopeKind(actor)}:${cursor}:${patterns.length}`).execute({
    customerId: actor.customerId ?? -1,
    ...tenantParams(actor),
    ...Object.fromEntries(patterns.map((pattern, i) => [`pattern${i}`, pattern])),
    ...(cursor === "first" ? {} : { cursor: search.after || search.before }),
    limit: size + 1,
  });
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
