import "server-only";
import { and, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import type { StammdatenInput } from "@/lib/validation/recovery";
import { reauthValidUntil } from "./reauth";
import { transaction } from "@/db/transaction";

async function requireFreshReauth(actor: Actor, db: Db) {
  if (!(await reauthValidUntil(actor, db))) throw new ValidationError("account.reauthExpired");
}

/** "Konto bearbeiten": the customer's own Stammdaten and contact address, after the re-auth step. */
export async function updateOwnStammdaten(actor: Actor, input: StammdatenInput, ip: string, db: Db = getDb()) {
  await requireFreshReauth(actor, db);
  if (!can(actor, "customer.self") || !actor.customerId) throw new NotFoundError();
  await transaction(
    db,
    async (tx) => {
      const result = await tx
        .update(customers)
        .set({ ...input, company: input.company || null, updatedAt: new Date() })
        .where(
          and(eq(customers.id, actor.customerId ?? -1), tenantScope(actor, { resellerId: customers.resellerId, customerId: customers.id })),
        )
        .returning({ id: customers.id });
      if (result.length !== 1) throw new NotFoundError();
      await writeAudit(tx, actor, {
        action: "customer.stammdaten_update",
        targetKind: "customer",
        targetId: actor.customerId ?? undefined,
        resellerId: actor.resellerId,
        customerId: actor.customerId,
        ip,
        details: { contactEmail: input.contactEmail },
      });
    },
    { behavior: "immediate" },
  );
}
