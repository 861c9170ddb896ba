import "server-only";
import { eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { tickets } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { getTicketRowOrThrow } from "./get-ticket";
import { transaction } from "@/db/transaction";

/** Support takes a ticket into work or closes it. */
export async function setTicketStatus(
  actor: Actor,
  ticketId: number,
  status: "in_progress" | "closed",
  ip: string | null,
  db: Db = getDb(),
): Promise<void> {
  assertCan(actor, "support.tickets");
  await transaction(
    db,
    async (tx) => {
      const ticket = await getTicketRowOrThrow(actor, ticketId, tx);
      await tx.update(tickets).set({ status, updatedAt: new Date() }).where(eq(tickets.id, ticket.id));
      await writeAudit(tx, actor, {
        action: "ticket.status",
        targetKind: "ticket",
        targetId: ticket.id,
        targetLabel: `#${ticket.id}`,
        resellerId: ticket.resellerId,
        customerId: ticket.customerId,
        ip,
        details: { from: ticket.status, to: status },
      });
    },
    { behavior: "immediate" },
  );
}
