import "server-only";
import { likeAnyCase, qualified } from "@/db/dialect";
import { and, asc, desc, eq, getTableName, gt, lt, or, type SQL, sql } from "drizzle-orm";
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

/** How many rows of `table` belong to the page's customer: a correlated count over its customer index. */
const countOf = (table: typeof subscriptions | typeof domains | typeof tickets) =>
  sql<number>`(SELECT count(*) FROM ${table} WHERE ${qualified(getTableName(table), "customer_id")} = ${qualified("page", "id")})`.mapWith(
    Number,
  );

/**
 * One page of the reseller's customers ordered by customer number, keyset-paged (`after`/`before`
 * a number) over the (reseller_id, customer_number) index, so the last page of thousands costs what
 * the first does. The search matches the customer number exactly or company, contact and e-mail.
 * One statement: the page is chosen first (a derived table with its LIMIT) and only its rows get
 * their subscription, domain and ticket counts, instead of three more queries (round trips on
 * PostgreSQL, issue 23).
 */
export async function listCustomers(actor: Actor, search: CustomerSearch & { resellerId?: number } = {}, db: Db = getDb()) {
  const backwards = !search.after && !!search.before;
  const cursor = search.after
    ? gt(customers.customerNumber, search.after)
    : search.before
      ? lt(customers.customerNumber, search.before)
      : undefined;
  const page = db
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
    .limit(CUSTOMER_PAGE_SIZE + 1)
    .as("page");
  const rows = await db
    .select({
      id: page.id,
      customerNumber: page.customerNumber,
      company: page.company,
      contactName: page.contactName,
      contactEmail: page.contactEmail,
      city: page.city,
      subscriptions: countOf(subscriptions),
      domains: countOf(domains),
      // What deleting the customer takes along (the administration's confirmation names it).
      tickets: countOf(tickets),
    })
    .from(page)
    // A derived table's order does not carry over to the outer query.
    .orderBy(backwards ? desc(page.customerNumber) : asc(page.customerNumber));
  const hasMore = rows.length > CUSTOMER_PAGE_SIZE;
  const items = rows.slice(0, CUSTOMER_PAGE_SIZE);
  if (backwards) items.reverse();
  return {
    items,
    nextCursor: (backwards ? !!search.before : hasMore) && items.length ? items[items.length - 1].customerNumber : null,
    prevCursor: (backwards ? hasMore : !!search.after) && items.length ? items[0].customerNumber : null,
  };
}
