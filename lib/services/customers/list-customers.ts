import "server-only";
import { likeAnyCase } from "@/db/dialect";
import { and, asc, count, desc, eq, gt, inArray, lt, or, type SQL } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, domains, subscriptions, tickets } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import type { CustomerSearch } from "@/lib/validation/customer";
import { canonicalCustomerNumber } from "@/lib/validation/names";

export const CUSTOMER_PAGE_SIZE = 25;

/** `%` and `_` typed by the user are literal characters, not wildcards. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function searchCondition(q: string | undefined): SQL | undefined {
  const term = q?.trim();
  if (!term) return undefined;
  const number = canonicalCustomerNumber(term);
  if (number) return eq(customers.customerNumber, number);
  const pattern = `%${escapeLike(term)}%`;
  return or(
    likeAnyCase(customers.company, pattern),
    likeAnyCase(customers.contactName, pattern),
    likeAnyCase(customers.contactEmail, pattern),
    likeAnyCase(customers.customerNumber, pattern),
  );
}

/**
 * One page of the reseller's customers ordered by customer number, keyset-paged (`after`/`before`
 * a number) over the (reseller_id, customer_number) index, so the last page of thousands costs what
 * the first does. The search matches the customer number exactly or company, contact and e-mail.
 */
export async function listCustomers(actor: Actor, search: CustomerSearch & { resellerId?: number } = {}, db: Db = getDb()) {
  const backwards = !search.after && !!search.before;
  const cursor = search.after
    ? gt(customers.customerNumber, search.after)
    : search.before
      ? lt(customers.customerNumber, search.before)
      : undefined;
  const rows = await db
    .select({
      id: customers.id,
      customerNumber: customers.customerNumber,
      company: customers.company,
      contactName: customers.contactName,
      contactEmail: customers.contactEmail,
      city: customers.city,
    })
    .from(customers)
    .where(
      and(
        tenantScope(actor, { resellerId: customers.resellerId, customerId: customers.id }),
        // The administration's reseller page lists that reseller's customers only.
        search.resellerId === undefined ? undefined : eq(customers.resellerId, search.resellerId),
        searchCondition(search.q),
        cursor,
      ),
    )
    .orderBy(backwards ? desc(customers.customerNumber) : asc(customers.customerNumber))
    .limit(CUSTOMER_PAGE_SIZE + 1);
  const hasMore = rows.length > CUSTOMER_PAGE_SIZE;
  const page = rows.slice(0, CUSTOMER_PAGE_SIZE);
  if (backwards) page.reverse();
  const counts = await countsFor(
    db,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) => ({ ...r, ...(counts.get(r.id) ?? { subscriptions: 0, domains: 0, tickets: 0 }) })),
    nextCursor: (backwards ? !!search.before : hasMore) && page.length ? page[page.length - 1].customerNumber : null,
    prevCursor: (backwards ? hasMore : !!search.after) && page.length ? page[0].customerNumber : null,
  };
}

async function countsFor(db: Db, ids: number[]) {
  const out = new Map<number, { subscriptions: number; domains: number; tickets: number }>();
  if (!ids.length) return out;
  const entry = (id: number) => out.get(id) ?? { subscriptions: 0, domains: 0, tickets: 0 };
  for (const r of await db
    .select({ id: subscriptions.customerId, n: count() })
    .from(subscriptions)
    .where(inArray(subscriptions.customerId, ids))
    .groupBy(subscriptions.customerId)) {
    out.set(r.id, { ...entry(r.id), subscriptions: r.n });
  }
  for (const r of await db
    .select({ id: domains.customerId, n: count() })
    .from(domains)
    .where(inArray(domains.customerId, ids))
    .groupBy(domains.customerId)) {
    out.set(r.id, { ...entry(r.id), domains: r.n });
  }
  // What deleting the customer takes along (the administration's confirmation names it).
  for (const r of await db
    .select({ id: tickets.customerId, n: count() })
    .from(tickets)
    .where(inArray(tickets.customerId, ids))
    .groupBy(tickets.customerId)) {
    out.set(r.id, { ...entry(r.id), tickets: r.n });
  }
  return out;
}
