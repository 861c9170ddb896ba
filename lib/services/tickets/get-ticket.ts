import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { type Db, getDb } from "@/db";
import { customers, mailAccounts, ticketMessages, tickets, ticketSecrets, users } from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { tenantScope } from "@/lib/authz/scope";
import { NotFoundError } from "@/lib/errors";
import { firstRow } from "@/db/rows";

/** The ticket row, scoped in the same WHERE as the id: another tenant's ticket is simply not found. */
export async function getTicketRowOrThrow(actor: Actor, ticketId: number, db: Pick<Db, "select"> = getDb()) {
  const row = await firstRow(
    db
      .select({
        id: tickets.id,
        resellerId: tickets.resellerId,
        customerId: tickets.customerId,
        openedByUserId: tickets.openedByUserId,
        category: tickets.category,
        subject: tickets.subject,
        status: tickets.status,
        createdAt: tickets.createdAt,
        updatedAt: tickets.updatedAt,
      })
      .from(tickets)
      .where(and(eq(tickets.id, ticketId), tenantScope(actor, tickets))),
  );
  if (!row) throw new NotFoundError();
  return row;
}

export type PasswordState = "none" | "ready" | "revealed";

/** Ticket, customer, conversation and whether a generated password waits; never the password itself. */
export async function getTicketOrThrow(actor: Actor, ticketId: number, db: Db = getDb()) {
  const ticket = await getTicketRowOrThrow(actor, ticketId, db);
  const customer = await firstRow(
    db
      .select({ customerNumber: customers.customerNumber, company: customers.company, contactName: customers.contactName })
      .from(customers)
      .where(eq(customers.id, ticket.customerId)),
  );
  const messages = await db
    .select({
      id: ticketMessages.id,
      body: ticketMessages.body,
      createdAt: ticketMessages.createdAt,
      authorRole: users.role,
      authorName: users.displayName,
    })
    .from(ticketMessages)
    .innerJoin(users, eq(ticketMessages.authorUserId, users.id))
    .where(eq(ticketMessages.ticketId, ticket.id))
    .orderBy(asc(ticketMessages.id));
  const secret = await firstRow(
    db
      .select({ revealedAt: ticketSecrets.revealedAt, createdAt: ticketSecrets.createdAt, account: mailAccounts.login })
      .from(ticketSecrets)
      .innerJoin(mailAccounts, eq(ticketSecrets.mailAccountId, mailAccounts.id))
      .where(eq(ticketSecrets.ticketId, ticket.id)),
  );
  const passwordState: PasswordState = !secret ? "none" : secret.revealedAt ? "revealed" : "ready";
  return {
    ticket,
    customer,
    messages,
    passwordState,
    passwordAccount: secret?.account ?? null,
    passwordGeneratedAt: secret?.createdAt ?? null,
    passwordRevealedAt: secret?.revealedAt ?? null,
  };
}
export type TicketView = Awaited<ReturnType<typeof getTicketOrThrow>>;
