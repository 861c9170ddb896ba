import "server-only";
import { and, asc, eq, gt, gte, lt, type SQL, sql } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, domains, mailboxes, resellers } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { canonicalCustomerNumber, canonicalDomain } from "@/lib/validation/names";
import type { MailboxSearchQuery } from "@/lib/validation/support";
import { firstRow } from "@/db/rows";
import { preparedQuery } from "@/db/prepared";
import { prefixUpperBound } from "@/db/dialect";

export const MAILBOX_PAGE_SIZE = 25;

const columns = {
  id: mailboxes.id,
  address: mailboxes.address,
  enabled: mailboxes.enabled,
  customerNumber: customers.customerNumber,
  company: customers.company,
  contactName: customers.contactName,
  reseller: resellers.name,
};

/**
 * Rows with owner and reseller (primary-key joins); the caller adds WHERE, ORDER BY and LIMIT. The
 * domain is joined only for a WHERE or ORDER BY on it: every mailbox has its domain (a NOT NULL
 * foreign key), so for the other searches the join only cost a primary-key seek per row (issue 22.3).
 */
function selectRows(db: Db, where: SQL | undefined, withDomain = false) {
  const rows = db
    .select(columns)
    .from(mailboxes)
    .innerJoin(customers, eq(mailboxes.customerId, customers.id))
    .innerJoin(resellers, eq(mailboxes.resellerId, resellers.id))
    .$dynamic();
  return (withDomain ? rows.innerJoin(domains, eq(mailboxes.domainId, domains.id)) : rows).where(where);
}
type Row = Awaited<ReturnType<typeof selectRows>>[number];

// The search's statements, prepared (db/prepared.ts) per shape, so that PostgreSQL plans each once per
// connection (docs/scaling.md, "Session 15"). The values are placeholders.
const limitParam = sql.placeholder("limit");
const afterParam = sql.placeholder("after");

/** Range on the unique address index instead of LIKE, which SQLite would not serve from it. */
const addressPage = preparedQuery((db, key: `${"prefix" | "all"}:${"first" | "after"}`) => {
  const [range, cursor] = key.split(":");
  const where = and(
    ...(range === "prefix" ? [gte(mailboxes.address, sql.placeholder("from")), lt(mailboxes.address, sql.placeholder("to"))] : []),
    cursor === "after" ? gt(mailboxes.address, afterParam) : undefined,
  );
  return selectRows(db, where).orderBy(asc(mailboxes.address)).limit(limitParam);
});

/** One domain's mailboxes by local part, from the (domain_id, local_part) index. */
const domainPage = preparedQuery((db, cursor: "first" | "after") =>
  selectRows(
    db,
    and(eq(mailboxes.domainId, sql.placeholder("domainId")), cursor === "after" ? gt(mailboxes.localPart, afterParam) : undefined),
  )
    .orderBy(asc(mailboxes.localPart))
    .limit(limitParam),
);

/** A customer's domains from the cursor's domain on (exclusive), with their mailboxes by local part. */
const customerDomainsPage = preparedQuery((db, cursor: "first" | "after") =>
  // d.id in the ORDER BY lets SQLite keep the nested-loop order instead of sorting each domain.
  selectRows(
    db,
    and(eq(domains.customerId, sql.placeholder("customerId")), cursor === "after" ? gt(domains.name, afterParam) : undefined),
    true,
  )
    .orderBy(asc(domains.name), asc(domains.id), asc(mailboxes.localPart))
    .limit(limitParam),
);

const domainByName = preparedQuery((db) =>
  db
    .select({ id: domains.id })
    .from(domains)
    .where(eq(domains.name, sql.placeholder("name"))),
);
const customerDomainByName = preparedQuery((db) =>
  db
    .select({ id: domains.id })
    .from(domains)
    .where(and(eq(domains.customerId, sql.placeholder("customerId")), eq(domains.name, sql.placeholder("name")))),
);
const customerByNumber = preparedQuery((db) =>
  db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.customerNumber, sql.placeholder("number"))),
);

const splitAddress = (address: string) => {
  const at = address.lastIndexOf("@");
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
};

async function byAddressPrefix(db: Db, prefix: string, cursor: string | undefined, max: number): Promise<Row[]> {
  const to = prefixUpperBound(prefix);
  // A non-empty prefix without an upper bound is made of U+10FFFF only, which no address contains.
  if (prefix && to === undefined) return [];
  return await addressPage(db, `${prefix ? "prefix" : "all"}:${cursor ? "after" : "first"}`).execute({
    ...(prefix ? { from: prefix, to } : {}),
    ...(cursor ? { after: cursor } : {}),
    limit: max,
  });
}

async function byDomain(db: Db, domainId: number, afterLocal: string | undefined, max: number): Promise<Row[]> {
  const cursor = afterLocal !== undefined ? "after" : "first";
  return await domainPage(db, cursor).execute({ domainId, ...(cursor === "after" ? { after: afterLocal } : {}), limit: max });
}

/**
 * A customer's mailboxes ordered by domain, then local part. Two index-served steps, so even a
 * customer with 200,000 mailboxes is never sorted: the rest of the cursor's domain, then the
 * following domains via (customer_id, name) and (domain_id, local_part).
 */
async function byCustomer(db: Db, customerId: number, cursorAddress: string | undefined, max: number): Promise<Row[]> {
  const rows: Row[] = [];
  const cursor = cursorAddress ? splitAddress(cursorAddress) : undefined;
  if (cursor) {
    const domain = await firstRow(customerDomainByName(db).execute({ customerId, name: cursor.domain }));
    if (domain) rows.push(...(await byDomain(db, domain.id, cursor.local, max)));
  }
  if (rows.length < max) {
    rows.push(
      ...(await customerDomainsPage(db, cursor ? "after" : "first").execute({
        customerId,
        ...(cursor ? { after: cursor.domain } : {}),
        limit: max - rows.length,
      })),
    );
  }
  return rows;
}

/** Support's search across all resellers, keyset-paginated by the last address shown (`after`). */
export async function searchMailboxes(
  actor: Actor,
  query: Omit<MailboxSearchQuery, "field"> & { field: Exclude<MailboxSearchQuery["field"], "customerName"> },
  db: Db = getDb(),
) {
  assertCan(actor, "support.read");
  const limit = MAILBOX_PAGE_SIZE + 1;
  let rows: Row[] = [];
  if (query.field === "address") {
    rows = await byAddressPrefix(db, query.q.toLowerCase(), query.after, limit);
  } else if (query.field === "domain") {
    const name = canonicalDomain(query.q.replace(/^.*@/, ""));
    const domain = name ? await firstRow(domainByName(db).execute({ name })) : undefined;
    if (domain) rows = await byDomain(db, domain.id, query.after ? splitAddress(query.after).local : undefined, limit);
  } else {
    const number = canonicalCustomerNumber(query.q);
    const customer = number ? await firstRow(customerByNumber(db).execute({ number })) : undefined;
    if (customer) rows = await byCustomer(db, customer.id, query.after, limit);
  }
  const hasMore = rows.length > MAILBOX_PAGE_SIZE;
  const items = rows.slice(0, MAILBOX_PAGE_SIZE);
  return { items, nextAfter: hasMore ? items[items.length - 1].address : null };
}
export type MailboxSearchItem = Awaited<ReturnType<typeof searchMailboxes>>["items"][number];
