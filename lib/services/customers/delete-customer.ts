import "server-only";
import { count, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, subscriptions, tickets } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { ConflictError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { customerOrThrow } from "@/lib/services/orders/scoped-rows";
import { deleteLogins } from "@/lib/services/users/delete-logins";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

/**
 * The reseller (or the administration) deletes a customer together with its KundenServiceCenter login
 * and tickets. A customer that still has subscriptions is refused: their domains and mailboxes hold
 * mail that a click must not destroy; they are ended first. Another reseller's customer is NotFound
 * (404). Returns the customer's reseller (the administration goes back to its page).
 */
export async function deleteCustomer(actor: Actor, id: number, ip: string | null, db: Db = getDb()): Promise<{ resellerId: number }> {
  assertCan(actor, "customers.delete");
  return await transaction(
    db,
    async (tx) => {
      const c = await customerOrThrow(tx, actor, id);
      const subs = (await firstRow(tx.select({ n: count() }).from(subscriptions).where(eq(subscriptions.customerId, c.id))))?.n ?? 0;
      if (subs > 0) throw new ConflictError("customersAdmin.errors.hasSubscriptions");
      // Messages and ticket secrets go with their ticket (ON DELETE CASCADE).
      await tx.delete(tickets).where(eq(tickets.customerId, c.id));
      await deleteLogins(tx, { resellerId: c.resellerId, customerId: c.id });
      await tx.delete(customers).where(eq(customers.id, c.id));
      await writeAudit(tx, actor, {
        action: "customer.delete",
        targetKind: "customer",
        targetId: c.id,
        targetLabel: c.customerNumber,
        resellerId: c.resellerId,
        customerId: c.id,
        ip,
      });
      return { resellerId: c.resellerId };
    },
    { behavior: "immediate" },
  );
}
