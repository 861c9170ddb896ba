import "server-only";
import { and, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

/**
 * Tickets are authenticated by the login plus a fresh look at the Stammdaten: support acts on what the
 * customer confirmed. A confirmation counts for one working session, then it is asked for again.
 */
export const STAMMDATEN_CONFIRMATION_TTL_MS = 12 * 60 * 60 * 1000;

const ownCustomer = (actor: Actor) =>
  and(eq(customers.id, actor.customerId ?? -1), tenantScope(actor, { resellerId: customers.resellerId, customerId: customers.id }));

export async function getStammdatenConfirmedAt(actor: Actor, db: Db = getDb()): Promise<Date | null> {
  const row = await firstRow(db.select({ at: customers.stammdatenConfirmedAt }).from(customers).where(ownCustomer(actor)));
  if (!row) throw new NotFoundError();
  return row.at;
}

export async function hasFreshStammdatenConfirmation(actor: Actor, now = Date.now(), db: Db = getDb()): Promise<boolean> {
  const at = await getStammdatenConfirmedAt(actor, db);
  return !!at && now - at.getTime() < STAMMDATEN_CONFIRMATION_TTL_MS;
}

export async function confirmStammdaten(actor: Actor, ip: string | null, db: Db = getDb()): Promise<void> {
  await transaction(db, async (tx) => {
    const row = await firstRow(
      tx
        .select({ id: customers.id, resellerId: customers.resellerId, number: customers.customerNumber })
        .from(customers)
        .where(ownCustomer(actor)),
    );
    if (!row) throw new NotFoundError();
    await tx.update(customers).set({ stammdatenConfirmedAt: new Date() }).where(eq(customers.id, row.id));
    await writeAudit(tx, actor, {
      action: "customer.stammdaten_confirmed",
      targetKind: "customer",
      targetId: row.id,
      targetLabel: row.number,
      resellerId: row.resellerId,
      customerId: row.id,
      ip,
    });
  });
}
