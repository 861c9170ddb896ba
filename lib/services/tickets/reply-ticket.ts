import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { ticketMessages, tickets } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { can } from "@/lib/authz/permissions";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { getTicketRowOrThrow } from "./get-ticket";
import { transaction } from "@/db/transaction";

/**
 * A message from the customer or from support. A support reply marks the ticket answered; a customer
 * reply puts an answered ticket back in progress. Closed tickets take no customer replies.
 */
export async function replyToTicket(actor: Actor, ticketId: number, message: string, ip: string | null, db: Db = getDb()): Promise<void> {
  const isSupport = can(actor, "support.tickets");
  if (!isSupport && !can(actor, "customer.self")) throw new ForbiddenError();
  await transaction(
    db,
    async (tx) => {
      const ticket = await getTicketRowOrThrow(actor, ticketId, tx);
      if (!isSupport && ticket.status === "closed")
        throw new ValidationError("tickets.closedNoReply", { message: ["tickets.closedNoReply"] });
      const status = isSupport ? "answered" : ticket.status === "new" ? "new" : "in_progress";
      const tenant = { resellerId: ticket.resellerId, customerId: ticket.customerId };
      await tx.insert(ticketMessages).values({ ...tenant, ticketId: ticket.id, authorUserId: actor.id, body: message });
      await tx.update(tickets).set({ status, updatedAt: new Date() }).where(eq(tickets.id, ticket.id));
      await writeAudit(tx, actor, {
        action: "ticket.reply",
        targetKind: "ticket",
        targetId: ticket.id,
        targetLabel: `#${ticket.id}`,
        ...tenant,
        ip,
        details: { status },
      });
    },
    { behavior: "immediate" },
  );
}
