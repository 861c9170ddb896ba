/**
 * "Neues Passwort erzeugen" against the real Dovecot: after support generates the `.001` password on
 * a customer's ticket, the password the customer reveals logs into IMAP and the old one is refused.
 * Uses the runner's Dovecot and database when KONTOR_DOVECOT_RUNNING=1, otherwise its own.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { loadActor } from "@/lib/auth/principals";
import type { DovecotPorts } from "@/scripts/lib/dovecot-process";
import { setPassword } from "@/lib/services/passwords/set-password";
import { confirmStammdaten } from "@/lib/services/support/stammdaten";
import { createTicket } from "@/lib/services/tickets/create-ticket";
import { generateResetPassword } from "@/lib/services/tickets/generate-reset-password";
import { revealTicketPassword } from "@/lib/services/tickets/reveal-ticket-password";
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
});

afterAll(async () => {
  // The demo login must keep working for the other tests: restore it the one official way.
  const account = await firstRow(
    db?.select({ id: schema.mailAccounts.id }).from(schema.mailAccounts).where(eq(schema.mailAccounts.login, "k10001.001")),
  );
  if (account)
    await setPassword(
      { kind: "mail_account", id: account.id },
      DEMO_PASSWORD,
      { actor: null, action: "password.reset", skipPolicy: true },
      db,
    );
  await mail?.stop();
});

const actorFor = async (email: string) => {
  const u = await firstRow(db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)));
  const actor = u && (await loadActor(db, "user", u.id));
  if (!actor) throw new Error(`no actor ${email}`);
  return actor;
};

describe("forgotten .001 password through a ticket", () => {
  it("hands the customer a password Dovecot accepts at once, and the old one stops working", async () => {
    const kunde = await actorFor("kunde@kontor.example");
    const support = await actorFor("support@kontor.example");
    expect(await imapLogin("k10001.001", DEMO_PASSWORD, ports.imap)).toBe(true);

    await confirmStammdaten(kunde, "127.0.0.1", db);
    const ticketId = await createTicket(
      kunde,
      { category: "reset_mailadmin_password", subject: "Passwort .001", message: "Bitte neu setzen." },
      "127.0.0.1",
      db,
    );
    await generateResetPassword(support, ticketId, "127.0.0.1", db);
    const password = await revealTicketPassword(kunde, ticketId, "127.0.0.1", db);

    // Old password first, so a cached successful login could not hide a stale hash.
    expect(await imapLogin("k10001.001", DEMO_PASSWORD, ports.imap)).toBe(false);
    expect(await imapLogin("k10001.001", password, ports.imap)).toBe(true);
    const account = await firstRow(db.select().from(schema.mailAccounts).where(eq(schema.mailAccounts.login, "k10001.001")));
    expect(account?.mustChangePassword).toBe(true);
  });
});
