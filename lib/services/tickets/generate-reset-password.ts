import "server-only";
import { and, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { mailAccounts, tickets, ticketSecrets, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { assertCan, roleHas } from "@/lib/authz/permissions";
import { sealSecret } from "@/lib/crypto/secret-box";
import { ValidationError } from "@/lib/errors";
import { generatePassword } from "@/lib/password/generate";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { setPassword } from "@/lib/services/passwords/set-password";
import { getTicketRowOrThrow } from "./get-ticket";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

export const secretContext = (ticketId: number) => `ticket:${ticketId}`;

/**
 * "Neues Passwort erzeugen": on a reset ticket the customer opened while logged in, Kontor generates a
 * new password for the customer's `.001` account. Support never sees or chooses it: it is sealed and
 * kept only until the customer reveals it once in the KundenServiceCenter. The account must change it
 * at its next login, and Dovecot refuses the old password from the moment the hash is replaced.
 */
export async function generateResetPassword(actor: Actor, ticketId: number, ip: string | null, db: Db = getDb()): Promise<void> {
  assertCan(actor, "support.tickets");
  const ticket = await getTicketRowOrThrow(actor, ticketId, db);
  const refuse = (key: string) => new ValidationError(key);
  if (ticket.category !== "reset_mailadmin_password") throw refuse("tickets.resetWrongCategory");
  if (ticket.status === "closed") throw refuse("tickets.resetClosed");
  // Only a ticket the customer opened from its own authenticated KSC login authorizes a reset.
  const opener = await firstRow(
    db.select({ role: users.role, customerId: users.customerId }).from(users).where(eq(users.id, ticket.openedByUserId)),
  );
  if (!opener || !roleHas(opener.role, "customer.self") || opener.customerId !== ticket.customerId)
    throw refuse("tickets.resetNotCustomer");
  const account = await firstRow(
    db
      .select({ id: mailAccounts.id, login: mailAccounts.login })
      .from(mailAccounts)
      .where(
        and(eq(mailAccounts.customerId, ticket.customerId), eq(mailAccounts.resellerId, ticket.resellerId), eq(mailAccounts.number, 1)),
      ),
  );
  if (!account) throw refuse("tickets.resetNoAccount");

  const password = generatePassword();
  const sealed = sealSecret(password, secretContext(ticket.id));
  await setPassword(
    { kind: "mail_account", id: account.id },
    password,
    {
      actor,
      ip,
      action: "support.mailadmin_password_generated",
      mustChange: true,
      skipPolicy: true,
      details: { ticketId: ticket.id },
    },
    db,
  );
  const tenant = { resellerId: ticket.resellerId, customerId: ticket.customerId };
  await transaction(
    db,
    async (tx) => {
      // A second generation replaces an unread or already read one: only the newest password is valid.
      await tx.delete(ticketSecrets).where(eq(ticketSecrets.ticketId, ticket.id));
      await tx.insert(ticketSecrets).values({ ...tenant, ticketId: ticket.id, mailAccountId: account.id, sealed });
      await tx.update(tickets).set({ status: "answered", updatedAt: new Date() }).where(eq(tickets.id, ticket.id));
      await writeAudit(tx, actor, {
        action: "ticket.password_generated",
        targetKind: "ticket",
        targetId: ticket.id,
        targetLabel: `#${ticket.id}`,
        ...tenant,
        ip,
        details: { account: account.login },
      });
    },
    { behavior: "immediate" },
  );
}
