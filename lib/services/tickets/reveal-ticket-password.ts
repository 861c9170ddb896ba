import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { ticketSecrets } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/permissions";
import { openSecret } from "@/lib/crypto/secret-box";
import { ValidationError } from "@/lib/errors";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { secretContext } from "./generate-reset-password";
import { getTicketRowOrThrow } from "./get-ticket";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

/**
 * The customer reads the generated password exactly once: in one immediate transaction the sealed
 * value is read, wiped and the reveal audited, so two parallel clicks cannot both get it.
 */
export async function revealTicketPassword(actor: Actor, ticketId: number, ip: string | null, db: Db = getDb()): Promise<string> {
  assertCan(actor, "customer.self");
  return await transaction(
    db,
    async (tx) => {
      const ticket = await getTicketRowOrThrow(actor, ticketId, tx);
      const secret = await firstRow(
        tx
          .select({ id: ticketSecrets.id, sealed: ticketSecrets.sealed })
          .from(ticketSecrets)
          .where(and(eq(ticketSecrets.ticketId, ticket.id), isNull(ticketSecrets.revealedAt))),
      );
      if (!secret?.sealed) throw new ValidationError("tickets.passwordGone");
      const password = openSecret(secret.sealed, secretContext(ticket.id));
      await tx.update(ticketSecrets).set({ sealed: null, revealedAt: new Date() }).where(eq(ticketSecrets.id, secret.id));
      await writeAudit(tx, actor, {
        action: "ticket.password_revealed",
        targetKind: "ticket",
        targetId: ticket.id,
        targetLabel: `#${ticket.id}`,
        resellerId: ticket.resellerId,
        customerId: ticket.customerId,
        ip,
      });
      return password;
    },
    { behavior: "immediate" },
  );
}
