import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { auditLog, mailAccounts, tickets, ticketSecrets, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { NotFoundError, ServiceError } from "@/lib/errors";
import { confirmStammdaten } from "@/lib/services/support/stammdaten";
import { createTicket } from "@/lib/services/tickets/create-ticket";
import { generateResetPassword } from "@/lib/services/tickets/generate-reset-password";
import { getTicketOrThrow } from "@/lib/services/tickets/get-ticket";
import { listTickets } from "@/lib/services/tickets/list-tickets";
import { replyToTicket } from "@/lib/services/tickets/reply-ticket";
import { revealTicketPassword } from "@/lib/services/tickets/reveal-ticket-password";
import { createSeededDb } from "../support/seeded-db";

process.env.AUTH_SECRET ??= "unit-test-auth-secret";

let handle: Awaited<ReturnType<typeof createSeededDb>>;
const actorFor = (email: string): Actor => {
  const u = handle.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  const actor = u && loadActor(handle.db, "user", u.id);
  if (!actor) throw new Error(`no actor ${email}`);
  return actor;
};
const reset = { category: "reset_mailadmin_password" as const, subject: "Passwort .001", message: "Bitte neu setzen." };

beforeAll(async () => {
  handle = await createSeededDb();
});

describe("tickets", () => {
  it("opens only after the Stammdaten are confirmed", () => {
    const kunde = actorFor("kunde@kontor.example");
    expect(() => createTicket(kunde, reset, null, handle.db)).toThrow(ServiceError);
    confirmStammdaten(kunde, "127.0.0.1", handle.db);
    const id = createTicket(kunde, reset, "127.0.0.1", handle.db);
    const view = getTicketOrThrow(kunde, id, handle.db);
    expect(view.ticket.status).toBe("new");
    expect(view.messages.map((m) => m.body)).toEqual(["Bitte neu setzen."]);
  });

  it("hides a ticket from another customer and another reseller (404)", () => {
    const kunde = actorFor("kunde@kontor.example");
    const id = listTickets(kunde, {}, handle.db).items[0].id;
    for (const email of ["kunde2@kontor.example", "reseller2@kontor.example"]) {
      expect(() => getTicketOrThrow(actorFor(email), id, handle.db)).toThrow(NotFoundError);
    }
    expect(getTicketOrThrow(actorFor("support@kontor.example"), id, handle.db).ticket.id).toBe(id);
  });

  it("marks a ticket answered on a support reply and lists it in the queue by status", () => {
    const support = actorFor("support@kontor.example");
    const id = listTickets(support, { status: "new" }, handle.db).items[0].id;
    replyToTicket(support, id, "Wir kümmern uns.", null, handle.db);
    expect(listTickets(support, { status: "answered" }, handle.db).items.map((t) => t.id)).toContain(id);
    expect(listTickets(support, { q: "K10001" }, handle.db).items.map((t) => t.id)).toContain(id);
    expect(listTickets(support, { q: "K10002" }, handle.db).items).toHaveLength(0);
  });

  it("generates a .001 password support never sees, revealed to the customer exactly once", async () => {
    const kunde = actorFor("kunde@kontor.example");
    const support = actorFor("support@kontor.example");
    const id = listTickets(kunde, {}, handle.db).items[0].id;
    const before = handle.db.select().from(mailAccounts).where(eq(mailAccounts.login, "k10001.001")).get();
    await generateResetPassword(support, id, "127.0.0.1", handle.db);
    const after = handle.db.select().from(mailAccounts).where(eq(mailAccounts.login, "k10001.001")).get();
    expect(after?.passwordHash).not.toBe(before?.passwordHash);
    expect(after?.mustChangePassword).toBe(true);
    expect(getTicketOrThrow(support, id, handle.db).passwordState).toBe("ready");
    const stored = handle.db.select().from(ticketSecrets).where(eq(ticketSecrets.ticketId, id)).get();
    expect(stored?.sealed).toMatch(/^v1\./);

    await expect(async () => revealTicketPassword(support, id, null, handle.db)).rejects.toThrow(ServiceError);
    expect(() => revealTicketPassword(actorFor("kunde2@kontor.example"), id, null, handle.db)).toThrow(NotFoundError);
    const password = revealTicketPassword(kunde, id, "127.0.0.1", handle.db);
    expect(await verifyPassword(after?.passwordHash ?? "", password)).toBe(true);
    expect(handle.db.select().from(ticketSecrets).where(eq(ticketSecrets.ticketId, id)).get()?.sealed).toBeNull();
    expect(() => revealTicketPassword(kunde, id, null, handle.db)).toThrow(ServiceError);
    expect(getTicketOrThrow(kunde, id, handle.db).passwordState).toBe("revealed");

    const audit = handle.db.select().from(auditLog).all();
    const actions = audit.map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["support.mailadmin_password_generated", "ticket.password_generated", "ticket.password_revealed"]));
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it("refuses a reset on other categories and for non-support actors", async () => {
    const kunde = actorFor("kunde@kontor.example");
    const id = createTicket(kunde, { ...reset, category: "general" }, null, handle.db);
    await expect(generateResetPassword(actorFor("support@kontor.example"), id, null, handle.db)).rejects.toThrow("tickets.resetWrongCategory");
    const resetId = createTicket(kunde, reset, null, handle.db);
    await expect(generateResetPassword(kunde, resetId, null, handle.db)).rejects.toThrow(ServiceError);
    await expect(generateResetPassword(actorFor("admin@kontor.example"), resetId, null, handle.db)).rejects.toThrow(ServiceError);
    expect(handle.db.select().from(tickets).where(eq(tickets.id, resetId)).get()?.status).toBe("new");
  });

  it("refuses a customer reply on a closed ticket", () => {
    const kunde = actorFor("kunde@kontor.example");
    const id = createTicket(kunde, reset, null, handle.db);
    handle.db.update(tickets).set({ status: "closed" }).where(eq(tickets.id, id)).run();
    expect(() => replyToTicket(kunde, id, "Hallo?", null, handle.db)).toThrow("tickets.closedNoReply");
  });
});

describe("ticket input", () => {
  it("names the missing category and empty fields with i18n keys", async () => {
    const { createTicketSchema } = await import("@/lib/validation/ticket");
    const result = createTicketSchema.safeParse({ category: "", subject: " ", message: "" });
    expect(result.success).toBe(false);
    const fields = (result.error ? z.flattenError(result.error).fieldErrors : {}) as Record<string, string[]>;
    expect(fields.category).toEqual(["tickets.categoryRequired"]);
    expect(fields.subject).toEqual(["validation.required"]);
    expect(fields.message).toEqual(["validation.required"]);
    expect(createTicketSchema.safeParse({ ...reset, extra: "x" }).success).toBe(false);
  });
});
