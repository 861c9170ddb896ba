import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { auditLog, mailAccounts, tickets, ticketSecrets } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import type { Actor } from "@/lib/authz/actor";
import { NotFoundError, ServiceError } from "@/lib/errors";
import { confirmStammdaten } from "@/lib/services/support/stammdaten";
import { createTicket } from "@/lib/services/tickets/create-ticket";
import { generateResetPassword } from "@/lib/services/tickets/generate-reset-password";
import { getTicketOrThrow } from "@/lib/services/tickets/get-ticket";
import { listTickets } from "@/lib/services/tickets/list-tickets";
import { replyToTicket } from "@/lib/services/tickets/reply-ticket";
import { revealTicketPassword } from "@/lib/services/tickets/reveal-ticket-password";
import {
  aCustomer,
  aCustomerWithPackage,
  aMailAccount,
  anAdmin,
  aReseller,
  aSupport,
  aTicket,
  emptyDb,
  type TestCustomer,
} from "../support/factories";
import { firstRow } from "@/db/rows";

process.env.AUTH_SECRET ??= "unit-test-auth-secret";

const reset = { category: "reset_mailadmin_password" as const, subject: "Passwort .001", message: "Bitte neu setzen." };

/**
 * Each test starts from its own world: customer `kunde` with a package without panel and its `.001`,
 * a second customer of the same reseller, another reseller, support and an admin.
 */
let handle: Awaited<ReturnType<typeof emptyDb>>;
let kunde: TestCustomer;
let kunde2: TestCustomer;
let reseller2: Actor;
let support: Actor;
let admin: Actor;
let adminLogin: string;
beforeEach(async () => {
  handle = await emptyDb();
  const mail = await aMailAccount(handle.db, { sub: await aCustomerWithPackage(handle.db, { package: { panel: "none" } }) });
  kunde = mail.customer;
  adminLogin = mail.admin.login;
  kunde2 = await aCustomer(handle.db, mail.reseller);
  reseller2 = (await aReseller(handle.db)).actor;
  support = await aSupport(handle.db);
  admin = await anAdmin(handle.db);
});

describe("tickets", () => {
  it("opens only after the Stammdaten are confirmed", async () => {
    const fresh = (await aCustomer(handle.db, undefined, { stammdatenConfirmed: false })).actor;
    await expect(async () => await createTicket(fresh, reset, null, handle.db)).rejects.toThrow(ServiceError);
    await confirmStammdaten(fresh, "127.0.0.1", handle.db);
    const id = await createTicket(fresh, reset, "127.0.0.1", handle.db);
    const view = await getTicketOrThrow(fresh, id, handle.db);
    expect(view.ticket.status).toBe("new");
    expect(view.messages.map((m) => m.body)).toEqual(["Bitte neu setzen."]);
  });

  it("hides a ticket from another customer and another reseller (404)", async () => {
    const id = await aTicket(handle.db, kunde, reset);
    for (const other of [kunde2.actor, reseller2]) {
      await expect(async () => await getTicketOrThrow(other, id, handle.db)).rejects.toThrow(NotFoundError);
    }
    expect((await getTicketOrThrow(support, id, handle.db)).ticket.id).toBe(id);
  });

  it("marks a ticket answered on a support reply and lists it in the queue by status", async () => {
    await aTicket(handle.db, kunde, reset);
    const id = (await listTickets(support, { status: "new" }, handle.db)).items[0].id;
    await replyToTicket(support, id, "Wir kümmern uns.", null, handle.db);
    expect((await listTickets(support, { status: "answered" }, handle.db)).items.map((t) => t.id)).toContain(id);
    expect((await listTickets(support, { q: kunde.customerNumber }, handle.db)).items.map((t) => t.id)).toContain(id);
    expect((await listTickets(support, { q: kunde2.customerNumber }, handle.db)).items).toHaveLength(0);
  });

  it("generates a .001 password support never sees, revealed to the customer exactly once", async () => {
    const id = await aTicket(handle.db, kunde, reset);
    const before = await firstRow(handle.db.select().from(mailAccounts).where(eq(mailAccounts.login, adminLogin)));
    await generateResetPassword(support, id, "127.0.0.1", handle.db);
    const after = await firstRow(handle.db.select().from(mailAccounts).where(eq(mailAccounts.login, adminLogin)));
    expect(after?.passwordHash).not.toBe(before?.passwordHash);
    expect(after?.mustChangePassword).toBe(true);
    expect((await getTicketOrThrow(support, id, handle.db)).passwordState).toBe("ready");
    const stored = await firstRow(handle.db.select().from(ticketSecrets).where(eq(ticketSecrets.ticketId, id)));
    expect(stored?.sealed).toMatch(/^v1\./);

    await expect(async () => await revealTicketPassword(support, id, null, handle.db)).rejects.toThrow(ServiceError);
    await expect(async () => await revealTicketPassword(kunde2.actor, id, null, handle.db)).rejects.toThrow(NotFoundError);
    const password = await revealTicketPassword(kunde.actor, id, "127.0.0.1", handle.db);
    expect(await verifyPassword(after?.passwordHash ?? "", password)).toBe(true);
    expect((await firstRow(handle.db.select().from(ticketSecrets).where(eq(ticketSecrets.ticketId, id))))?.sealed).toBeNull();
    await expect(async () => await revealTicketPassword(kunde.actor, id, null, handle.db)).rejects.toThrow(ServiceError);
    expect((await getTicketOrThrow(kunde.actor, id, handle.db)).passwordState).toBe("revealed");

    const audit = await handle.db.select().from(auditLog);
    const actions = audit.map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["support.mailadmin_password_generated", "ticket.password_generated", "ticket.password_revealed"]),
    );
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it("refuses a reset on other categories and for non-support actors", async () => {
    const id = await aTicket(handle.db, kunde, { ...reset, category: "general" });
    await expect(generateResetPassword(support, id, null, handle.db)).rejects.toThrow("tickets.resetWrongCategory");
    const resetId = await aTicket(handle.db, kunde, reset);
    await expect(generateResetPassword(kunde.actor, resetId, null, handle.db)).rejects.toThrow(ServiceError);
    await expect(generateResetPassword(admin, resetId, null, handle.db)).rejects.toThrow(ServiceError);
    expect((await firstRow(handle.db.select().from(tickets).where(eq(tickets.id, resetId))))?.status).toBe("new");
  });

  it("refuses a customer reply on a closed ticket", async () => {
    const id = await aTicket(handle.db, kunde, reset);
    await handle.db.update(tickets).set({ status: "closed" }).where(eq(tickets.id, id));
    await expect(async () => await replyToTicket(kunde.actor, id, "Hallo?", null, handle.db)).rejects.toThrow("tickets.closedNoReply");
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
