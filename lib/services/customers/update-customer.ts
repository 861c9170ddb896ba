import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { customerOrThrow } from "@/lib/services/orders/scoped-rows";
import type { CustomerInput } from "@/lib/validation/customer";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

/** The reseller edits a customer's Stammdaten; the customer number never changes. */
export async function updateCustomer(actor: Actor, id: number, input: CustomerInput, ip: string | null, db: Db = getDb()) {
  assertCan(actor, "reseller.manage");
  await transaction(
    db,
    async (tx) => {
      const c = await customerOrThrow(tx, actor, id);
      const before = await firstRow(tx.select().from(customers).where(eq(customers.id, c.id)));
      const next = { ...input, company: input.company || null };
      const changed = Object.keys(next).filter((k) => before?.[k as keyof typeof next] !== next[k as keyof typeof next]);
      await tx
        .update(customers)
        .set({ ...next, updatedAt: new Date() })
        .where(eq(customers.id, c.id));
      await writeAudit(tx, actor, {
        action: "customer.update",
        targetKind: "customer",
        targetId: c.id,
        targetLabel: c.customerNumber,
        resellerId: c.resellerId,
        customerId: c.id,
        ip,
        details: { fields: changed.join(",") },
      });
    },
    { behavior: "immediate" },
  );
}
