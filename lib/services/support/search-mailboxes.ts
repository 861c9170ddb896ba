import "server-only";
import { and, asc, eq, gt, gte, lt, type SQL } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, domains, mailboxes, resellers } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { canonicalCustomerNumber, canonicalDomain } from "@/lib/validation/names";
import type { MailboxSearchQuery } from "@/lib/validation/support";

export const MAILBOX_PAGE_SIZE = 25;

/** The smallest string greater than every string starting with `prefix` (code-point order = UTF-8 byte order). */
export function prefixUpperBound(prefix: string): string {
  const chars = Array.from(prefix);
  const last = chars.pop() as string;
  return chars.join("") + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
}

const columns = {
  id: mailboxes.id,
  address: mailboxes.address,
  enabled: mailboxes.enabled,
  customerNumber: customers.customerNumber,
  company: customers.company,
  contactName: customers.contactName,
  reseller: resellers.name,
};

/** Rows with owner and reseller (primary-key joins); the caller adds WHERE, ORDER BY and LIMIT. */
function selectRows(db: Db, where: SQL | undefined) {
  return db
    .select(columns)
    .from(mailboxes)
    .innerJoin(domains, eq(mailboxes.domainId, domains.id))
    .innerJoin(customers, eq(mailboxes.customerId, customers.id))
    .innerJoin(resellers, eq(mailboxes.resellerId, resellers.id))
    .where(where);
}
type Row = Awaited<ReturnType<typeof selectRows>>[number];

const splitAddress = (address: string) => {
  const at = address.lastIndexOf("@");
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
};

/** Range on the unique address index instead of LIKE, which SQLite would not serve from it. */
function byAddressPrefix(db: Db, prefix: string, after: string | undefined, limit: number): Row[] {
  const range = prefix ? [gte(mailboxes.address, prefix), lt(mailboxes.address, prefixUpperBound(prefix))] : [];
  const where = and(...range, after ? gt(mailboxes.address, after) : undefined);
  return selectRows(db, where).orderBy(asc(mailboxes.address)).limit(limit).all();
}

/** One domain's mailboxes by local part, from the (domain_id, local_part) index. */
function byDomain(db: Db, domainId: number, afterLocal: string | undefined, limit: number): Row[] {
  const where = and(eq(mailboxes.domainId, domainId), afterLocal !== undefined ? gt(mailboxes.localPart, afterLocal) : undefined);
  return selectRows(db, where).orderBy(asc(mailboxes.localPart)).limit(limit).all();
}

/**
 * A customer's mailboxes ordered by domain, then local part. Two index-served steps, so even a
 * customer with 200,000 mailboxes is never sorted: the rest of the cursor's domain, then the
 * following domains via (customer_id, name) and (domain_id, local_part).
 */
function byCustomer(db: Db, customerId: number, after: string | undefined, limit: number): Row[] {
  const rows: Row[] = [];
  const cursor = after ? splitAddress(after) : undefined;
  if (cursor) {
    const domain = db
      .select({ id: domains.id })
      .from(domains)
      .where(and(eq(domains.customerId, customerId), eq(domains.name, cursor.domain)))
      .get();
    if (domain) rows.push(...byDomain(db, domain.id, cursor.local, limit));
  }
  if (rows.length < limit) {
    const where = and(eq(domains.customerId, customerId), cursor ? gt(domains.name, cursor.domain) : undefined);
    // d.id in the ORDER BY lets SQLite keep the nested-loop order instead of sorting each domain.
    rows.push(
      ...selectRows(db, where)
        .orderBy(asc(domains.name), asc(domains.id), asc(mailboxes.localPart))
        .limit(limit - rows.length)
        .all(),
    );
  }
  return rows;
}

/** Support's search across all resellers, keyset-paginated by the last address shown (`after`). */
export function searchMailboxes(
  actor: Actor,
  query: Omit<MailboxSearchQuery, "field"> & { field: Exclude<MailboxSearchQuery["field"], "customerName"> },
  db: Db = getDb(),
) {
  assertCan(actor, "support.read");
  const limit = MAILBOX_PAGE_SIZE + 1;
  let rows: Row[] = [];
  if (query.field === "address") {
    rows = byAddressPrefix(db, query.q.toLowerCase(), query.after, limit);
  } else if (query.field === "domain") {
    const name = canonicalDomain(query.q.replace(/^.*@/, ""));
    const domain = name ? db.select({ id: domains.id }).from(domains).where(eq(domains.name, name)).get() : undefined;
    if (domain) rows = byDomain(db, domain.id, query.after ? splitAddress(query.after).local : undefined, limit);
  } else {
    const number = canonicalCustomerNumber(query.q);
    const customer = number ? db.select({ id: customers.id }).from(customers).where(eq(customers.customerNumber, number)).get() : undefined;
    if (customer) rows = byCustomer(db, customer.id, query.after, limit);
  }
  const hasMore = rows.length > MAILBOX_PAGE_SIZE;
  const items = rows.slice(0, MAILBOX_PAGE_SIZE);
  return { items, nextAfter: hasMore ? items[items.length - 1].address : null };
}
export type MailboxSearchItem = ReturnType<typeof searchMailboxes>["items"][number];
