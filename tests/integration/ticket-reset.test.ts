/**
 * "Neues Passwort erzeugen" against the real Dovecot: after support generates the `.001` password on
 * a customer's ticket, the password the customer reveals logs into IMAP and the old one is refused.
 * Uses the runner's Dovecot and database when KONTOR_DOVECOT_RUNNING=1, otherwise its own. The customer
 * and the support user are the test's own (factories): the demo's `.001` login stays as it was.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import type { DovecotPorts } from "@/scripts/lib/dovecot-process";
import { createTicket } from "@/lib/services/tickets/create-ticket";
import { generateResetPassword } from "@/lib/services/tickets/generate-reset-password";
import { revealTicketPassword } from "@/lib/services/tickets/reveal-ticket-password";
import { aMailAccount, aSupport, shareNumbering, TEST_PASSWORD } from "../support/factories";
import { imapLogin } from "../support/mail-clients";
import { type RunnerDovecot, runnerOrOwnDovecot } from "../support/runner-dovecot";
import { firstRow } from "@/db/rows";

let mail: RunnerDovecot | undefined;
let ports: DovecotPorts;
let db: Db;

beforeAll(async () => {
  process.env.AUTH_SECRET ??= "integration-test-secret";
  mail = await runnerOrOwnDovecot("kontor-reset-");
  ({ db, ports } = mail);
  shareNumbering(db);
});

afterAll(async () => {
  await mail?.stop();
});

describe("forgotten .001 password through a ticket", () => {
  it("hands the customer a password Dovecot accepts at once, and the old one stops working", async () => {
    // A customer with confirmed Stammdaten (aCustomer), as a reset ticket requires, and its `.001`.
    const { customer, admin } = await aMailAccount(db);
    const support = await aSupport(db);
    expect(await imapLogin(admin.login, TEST_PASSWORD, ports.imap)).toBe(true);

    const ticketId = await createTicket(
      customer.actor,
      { category: "reset_mailadmin_password", subject: "Passwort .001", message: "Bitte neu setzen." },
      "127.0.0.1",
      db,
    );
    await generateResetPassword(support, ticketId, "127.0.0.1", db);
    const password = await revealTicketPassword(customer.actor, ticketId, "127.0.0.1", db);

    // Old password first, so a cached successful login could not hide a stale hash.
    expect(await imapLogin(admin.login, TEST_PASSWORD, ports.imap)).toBe(false);
    expect(await imapLogin(admin.login, password, ports.imap)).toBe(true);
    const account = await firstRow(db.select().from(schema.mailAccounts).where(eq(schema.mailAccounts.login, admin.login)));
    expect(account?.mustChangePassword).toBe(true);
  });
});
