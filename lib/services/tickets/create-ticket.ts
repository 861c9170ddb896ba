import "server-only";
import { type Db, getDb } from "@/db";
import { ticketMessages, tickets } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { hasFreshStammdatenConfirmation } from "@/lib/services/support/stammdaten";
import type { CreateTicketInput } from "@/lib/validation/ticket";
import { transaction } from "@/db/transaction";
import { onlyRow } from "@/db/rows";

/** A customer opens a ticket in the SupportCenter; only after confirming the Stammdaten. */
export async function createTicket(actor: Actor, input: CreateTicketInput, ip: string | null, db: Db = getDb()): Promise<number> {
  if (!can(actor, "customer.self") || !actor.customerId || !actor.resellerId) throw new ForbiddenError();
  if (!(await hasFreshStammdatenConfirmation(actor, Date.now(), db))) throw new ValidationError("supportCenter.confirmFirst");
  const tenant = { resellerId: actor.resellerId, customerId: actor.customerId };
  return await transaction(db, async (tx) => {
    const ticket = await onlyRow(
      tx
        .insert(tickets)
        .values({ ...tenant, openedByUserId: actor.id, category: input.category, subject: input.subject })
        .returning({ id: tickets.id }),
    );
    await tx.insert(ticketMessages).values({ ...tenant, ticketId: ticket.id, authorUserId: actor.id, body: input.message });
    await writeAudit(tx, actor, {
      action: "ticket.create",
      targetKind: "ticket",
      targetId: ticket.id,
      targetLabel: `#${ticket.id}`,
      ...tenant,
      ip,
      details: { category: input.category },
    });
    return ticket.id;
  });
}
