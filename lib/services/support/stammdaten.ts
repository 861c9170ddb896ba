import "server-only";
import { and, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";

/**
 * Tickets are authenticated by the login plus a fresh look at the Stammdaten: support acts on what the
 * customer confirmed. A confirmation counts for one working session, then it is asked for again.
 */
export const STAMMDATEN_CONFIRMATION_TTL_MS = 12 * 60 * 60 * 1000;

const ownCustomer = (actor: Actor) =>
  and(eq(customers.id, actor.customerId ?? -1), tenantScope(actor, { resellerId: customers.resellerId, customerId: customers.id }));

export function getStammdatenConfirmedAt(actor: Actor, db: Db = getDb()): Date | null {
  const row = db.select({ at: customers.stammdatenConfirmedAt }).from(customers).where(ownCustomer(actor)).get();
  if (!row) throw new NotFoundError();
  return row.at;
}

export function hasFreshStammdatenConfirmation(actor: Actor, now = Date.now(), db: Db = getDb()): boolean {
  const at = getStammdatenConfirmedAt(actor, db);
  return !!at && now - at.getTime() < STAMMDATEN_CONFIRMATION_TTL_MS;
}

export function confirmStammdaten(actor: Actor, ip: string | null, db: Db = getDb()): void {
  db.transaction((tx) => {
    const row = tx
      .select({ id: customers.id, resellerId: customers.resellerId, number: customers.customerNumber })
      .from(customers)
      .where(ownCustomer(actor))
      .get();
    if (!row) throw new NotFoundError();
    tx.update(customers).set({ stammdatenConfirmedAt: new Date() }).where(eq(customers.id, row.id)).run();
    writeAudit(tx, actor, {
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
