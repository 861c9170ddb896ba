import "server-only";
import { escapeLike, likeAnyCase } from "@/db/dialect";
import { and, asc, eq, gt, or } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, resellers } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";

export const CUSTOMER_PAGE_SIZE = 25;

/**
 * Customers whose company or contact name starts with `q`, across all resellers. Customers are few
 * compared with mailboxes (20,000 beside 1,000,000 in the benchmark), so a prefix LIKE over them is
 * cheap; from a customer the support user goes on to its mailboxes by customer number.
 */
export async function searchCustomersByName(actor: Actor, q: string, afterId: number | undefined, db: Db = getDb()) {
  assertCan(actor, "support.read");
  if (q.trim().length < 2) return { items: [], nextAfter: null };
  const pattern = `${escapeLike(q.trim())}%`;
  const rows = await db
    .select({
      id: customers.id,
      customerNumber: customers.customerNumber,
      company: customers.company,
      contactName: customers.contactName,
      reseller: resellers.name,
    })
    .from(customers)
    .innerJoin(resellers, eq(customers.resellerId, resellers.id))
    .where(
      and(
        or(likeAnyCase(customers.company, pattern), likeAnyCase(customers.contactName, pattern)),
        afterId ? gt(customers.id, afterId) : undefined,
      ),
    )
    .orderBy(asc(customers.id))
    .limit(CUSTOMER_PAGE_SIZE + 1);
  const hasMore = rows.length > CUSTOMER_PAGE_SIZE;
  const items = rows.slice(0, CUSTOMER_PAGE_SIZE);
  return { items, nextAfter: hasMore ? String(items[items.length - 1].id) : null };
}
export type CustomerSearchItem = Awaited<ReturnType<typeof searchCustomersByName>>["items"][number];
