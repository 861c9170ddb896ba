import "server-only";
import { escapeLike, likeAnyCase, qualified } from "@/db/dialect";
import { and, asc, desc, eq, getTableName, gt, lt, or, type SQL, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, domains, subscriptions, tickets } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { preparedTenantScope, type ScopeKind, scopeKind, tenantParams } from "@/lib/authz/scope";
import { preparedQuery } from "@/db/prepared";
import type { CustomerSearch } from "@/lib/validation/customer";
import { canonicalCustomerNumber } from "@/lib/validation/names";

export const CUSTOMER_PAGE_SIZE = 25;

type SearchKind = "none" | "number" | "text";

/** What the search term asks for: nothing, a customer number (exact), or a pattern for the text columns. */
function searchOf(q: string | undefined): { kind: SearchKind; value?: string } {
  const term = q?.trim();
  if (!term) return { kind: "none" };
  const number = canonicalCustomerNumber(term);
  if (number) return { kind: "number", value: number };
  return { kind: "text", value: `%${escapeLike(term)}%` };
}

function searchCondition(kind: SearchKind): SQL | undefined {
  if (kind === "none") return undefined;
  const term = sql.placeholder("search");
  if (kind === "number") return eq(customers.customerNumber, term);
  return or(
    likeAnyCase(customers.company, term),
    likeAnyCase(customers.contactName, term),
    likeAnyCase(customers.contactEmail, term),
    likeAnyCase(customers.customerNumber, term),
  );
}

/** How many rows of `table` belong to the page's customer: a correlated count over its customer index. */
const countOf = (table: typeof subscriptions | typeof domains | typeof tickets) =>
  sql<number>`(SELECT count(*) FROM ${table} WHERE ${qualified(getTableName(table), "customer_id")} = ${qualified("page", "id")})`.mapWith(
    Number,
  );

type Cursor = "first" | "after" | "before";

/**
 * The page query, prepared (db/prepared.ts) per tenant scope, cursor, kind of search and whether one
 * reseller's customers are asked for: on PostgreSQL, planning it took 0.3–0.6 ms at every view (docs/scaling.md).
 */
const customerPage = preparedQuery((db, key: `${ScopeKind}:${Cursor}:${SearchKind}:${"any" | "one"}`) => {
  const [scope, cursor, searchKind, ofReseller] = key.split(":") as [ScopeKind, Cursor, SearchKind, "any" | "one"];
  const cursorValue = sql.placeholder("cursor");
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
        preparedTenantScope(scope, { resellerId: customers.resellerId, customerId: customers.id }),
        // The administration's reseller page lists that reseller's customers only.
        ofReseller === "one" ? eq(customers.resellerId, sql.placeholder("resellerId")) : undefined,
        searchCondition(searchKind),
        cursor === "after"
          ? gt(customers.customerNumber, cursorValue)
          : cursor === "before"
            ? lt(customers.customerNumber, cursorValue)
            : undefined,
      ),
    )
    .orderBy(cursor === "before" ? desc(customers.customerNumber) : asc(customers.customerNumber))
    .limit(CUSTOMER_PAGE_SIZE + 1)
    .as("page");
  return (
    db
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
      .orderBy(cursor === "before" ? desc(page.customerNumber) : asc(page.customerNumber))
  );
});

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
  const cursor: Cursor = search.after ? "after" : search.before ? "before" : "first";
  const term = searchOf(search.q);
  const ofReseller = search.resellerId === undefined ? "any" : "one";
  const rows = await customerPage(db, `${scopeKind(actor)}:${cursor}:${term.kind}:${ofReseller}`).execute({
    ...tenantParams(actor),
    ...(ofReseller === "one" ? { resellerId: search.resellerId } : {}),
    ...(term.value === undefined ? {} : { search: term.value }),
    ...(cursor === "first" ? {} : { cursor: search.after || search.before }),
  });
  const hasMore = rows.length > CUSTOMER_PAGE_SIZE;
  const items = rows.slice(0, CUSTOMER_PAGE_SIZE);
  if (backwards) items.reverse();
  return {
    items,
    nextCursor: (backwards ? !!search.before : hasMore) && items.length ? items[items.length - 1].customerNumber : null,
    prevCursor: (backwards ? hasMore : !!search.after) && items.length ? items[0].customerNumber : null,
  };
}
