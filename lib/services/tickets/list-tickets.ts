import "server-only";
import { escapeLike, likeAnyCase } from "@/db/dialect";
import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, tickets } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { canonicalCustomerNumber } from "@/lib/validation/names";
import type { TicketQueueQuery } from "@/lib/validation/ticket";

export const TICKET_PAGE_SIZE = 25;

const columns = {
  id: tickets.id,
  category: tickets.category,
  subject: tickets.subject,
  status: tickets.status,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  customerNumber: customers.customerNumber,
  company: customers.company,
};

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
function searchCondition(q: string): SQL | undefined {
  const number = canonicalCustomerNumber(q);
  if (number) return eq(customers.customerNumber, number);
  const ticketNo = /^#?(\d{1,9})$/.exec(q);
  const subject = likeAnyCase(tickets.subject, `%${escapeLike(q)}%`);
  return ticketNo ? or(eq(tickets.id, Number(ticketNo[1])), subject) : subject;
}

/**
 * Tickets visible to the actor, newest first, keyset-paginated by id (`before`), so page 100 costs
 * what page 1 costs. The status filter uses the (status, id) index.
 */
export async function listTickets(actor: Actor, query: TicketQueueQuery, db: Db = getDb()) {
  const conditions = [tenantScope(actor, tickets)];
  if (query.status) conditions.push(eq(tickets.status, query.status));
  if (query.category) conditions.push(eq(tickets.category, query.category));
  if (query.before) conditions.push(lt(tickets.id, query.before));
  const search = query.q ? searchCondition(query.q) : undefined;
  if (search) conditions.push(search);
  const rows = await db
    .select(columns)
    .from(tickets)
    .innerJoin(customers, eq(tickets.customerId, customers.id))
    .where(and(...conditions))
    .orderBy(desc(tickets.id))
    .limit(TICKET_PAGE_SIZE + 1);
  const hasMore = rows.length > TICKET_PAGE_SIZE;
  const items = rows.slice(0, TICKET_PAGE_SIZE);
  return { items, nextBefore: hasMore ? items[items.length - 1].id : null };
}
export type TicketListItem = Awaited<ReturnType<typeof listTickets>>["items"][number];
