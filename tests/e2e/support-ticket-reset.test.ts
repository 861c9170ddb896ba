/**
 * The whole forgotten-.001 story in Chromium: the customer confirms the Stammdaten and opens a reset
 * ticket, support generates the password without seeing it, the customer reads it exactly once, and
 * Dovecot accepts the new password and refuses the old one. Support's pages never carry a secret.
 * A customer of its own (Stammdaten not yet confirmed) with a package without panel (its `.001`) and
 * a Plesk package with info@, and a support login of its own. The steps after the ticket do not wait
 * for the one before: each builds its own reset ticket (aResetTicket), so they pass in any order.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portsFromEnv } from "@/scripts/lib/dovecot-process";
import type { Actor } from "@/lib/authz/actor";
import { generateResetPassword } from "@/lib/services/tickets/generate-reset-password";
import { revealTicketPassword } from "@/lib/services/tickets/reveal-ticket-password";
import { aCustomer, aCustomerWithPackage, aMailAccount, aReseller, aSupport, aTicket, TEST_PASSWORD } from "../support/factories";
import { imapLogin } from "../support/mail-clients";
import { aPanelMailbox } from "./panel-support";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { sharedDb } from "./support/world";

let browser: Browser;
const contexts: BrowserContext[] = [];
let supportActor: Actor;
const own = { customerNumber: "", customer: "", mailAdmin: "", support: "", mailbox: "" };

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "de-DE" });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  const db = sharedDb();
  const reseller = await aReseller(db);
  const owner = { reseller, customer: await aCustomer(db, reseller, { stammdatenConfirmed: false }) };
  const { admin } = await aMailAccount(db, { sub: await aCustomerWithPackage(db, { ...owner, package: { panel: "none" } }) });
  const { address } = await aPanelMailbox("plesk9", { owner });
  supportActor = await aSupport(db);
  Object.assign(own, {
    customerNumber: owner.customer.customerNumber,
    customer: owner.customer.email,
    mailAdmin: admin.login,
    // A staff actor's label is its login, the e-mail address.
    support: supportActor.label,
    mailbox: address,
  });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

const text = (page: Page) => page.locator("main").innerText();

async function loggedIn(identifier: string, home: string): Promise<Page> {
  const page = await newPage();
  await logIn(page, identifier, TEST_PASSWORD, "KundenServiceCenter");
  await page.waitForURL(`${BASE_URL}${home}`);
  return page;
}

/**
 * A customer of its own (Stammdaten confirmed) with its `.001` and a reset ticket it opened through
 * the ticket service, as the first test opens one; with `generated`, support's "Neues Passwort
 * erzeugen" has run (the service behind the button).
 */
async function aResetTicket(p: { generated?: boolean } = {}) {
  const db = sharedDb();
  const { customer, admin } = await aMailAccount(db);
  const ticketId = await aTicket(db, customer, {
    category: "reset_mailadmin_password",
    subject: `Passwort für ${admin.login} vergessen`,
    message: "Ich kenne das Passwort der E-Mail-Administration nicht mehr.",
  });
  if (p.generated) await generateResetPassword(supportActor, ticketId, "127.0.0.1", db);
  return { customer, mailAdmin: admin.login, ticketId, ticketUrl: `${BASE_URL}/ksc/support/${ticketId}` };
}

describe("forgotten .001 password in Chromium", () => {
  it("lets the customer confirm the Stammdaten and open a reset ticket in the SupportCenter", async () => {
    const customer = await loggedIn(own.customer, "/ksc");
    await customer.getByRole("link", { name: "Stammdaten", exact: true }).click();
    await customer.waitForURL(`${BASE_URL}/ksc/stammdaten`);
    await expect.poll(() => text(customer)).toContain(own.customerNumber);
    await customer.getByRole("button", { name: "Stammdaten bestätigen" }).click();
    await customer.waitForURL(`${BASE_URL}/ksc/support`);
    await expect.poll(() => customer.locator("main h1").first().textContent()).toBe("SupportCenter");
    await customer.getByRole("link", { name: "neues Ticket erstellen" }).click();
    await customer.waitForURL(`${BASE_URL}/ksc/support/new`);
    await customer.getByRole("button", { name: "Ticket absenden" }).click();
    await expect.poll(() => text(customer)).toContain("Bitte wählen Sie eine Kategorie.");
    await customer.getByLabel("Kategorie").selectOption({ label: "Passwort der E-Mail-Administration (.001) neu setzen" });
    await customer.getByLabel("Betreff").fill(`Passwort für ${own.mailAdmin} vergessen`);
    await customer.getByLabel("Nachricht").fill("Ich kenne das Passwort der E-Mail-Administration nicht mehr.");
    await customer.getByRole("button", { name: "Ticket absenden" }).click();
    await customer.waitForURL(/\/ksc\/support\/\d+$/);
    expect(await text(customer)).toContain(`Passwort für ${own.mailAdmin} vergessen`);
  });

  it("lets support generate the password without ever seeing it", async () => {
    const { ticketId } = await aResetTicket();
    const support = await loggedIn(own.support, "/support");
    await support.goto(`${BASE_URL}/support/tickets?status=new`);
    await support.locator(`main a[href="/support/tickets/${ticketId}"]`).click();
    await support.waitForURL(`${BASE_URL}/support/tickets/${ticketId}`);
    await support.getByRole("button", { name: "Neues Passwort erzeugen" }).click();
    // Generating hashes the password (argon2 on the shared hash slots): give it the time the other walks give a save.
    await expect.poll(() => text(support), { timeout: 30_000 }).toContain("Ein neues Passwort wurde erzeugt.");
    // While the sealed password waits for the customer, support's view of the ticket holds no trace of it.
    for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
      const body = await (await support.request.get(support.url(), { headers })).text();
      expect(body).toContain("vom Kunden noch nicht abgerufen");
      expect(body).not.toMatch(/v1\.[\w-]{16}\.|\$argon2id\$/);
    }
  });

  it("shows the customer the password exactly once; Dovecot accepts it and refuses the old one", async () => {
    const ticket = await aResetTicket({ generated: true });
    const customer = await loggedIn(ticket.customer.email, "/ksc");
    await customer.goto(ticket.ticketUrl);
    await customer.getByRole("button", { name: "Passwort anzeigen" }).click();
    const output = customer.getByRole("status").filter({ hasText: "nicht noch einmal" });
    await expect.poll(() => output.count()).toBe(1);
    const password = (await customer.locator("output").innerText()).trim();
    expect(password).toMatch(/^\S{20}$/);
    await customer.screenshot({ path: "/tmp/support-password-reveal.png", fullPage: true });
    await customer.reload();
    await expect.poll(() => text(customer)).toContain("nicht mehr abrufbar");
    expect(await customer.getByRole("button", { name: "Passwort anzeigen" }).count()).toBe(0);
    expect(await customer.content()).not.toContain(password);

    // The password shown is the one Dovecot now takes; old password first, so a cached login could not hide a stale hash.
    const { imap } = portsFromEnv();
    expect(await imapLogin(ticket.mailAdmin, TEST_PASSWORD, imap)).toBe(false);
    expect(await imapLogin(ticket.mailAdmin, password, imap)).toBe(true);
  });

  it("never sends support a hash, token or secret, in HTML or RSC payloads", async () => {
    // A ticket whose generated password the customer has read, as after the steps above.
    const { customer, ticketId } = await aResetTicket({ generated: true });
    const password = await revealTicketPassword(customer.actor, ticketId, "127.0.0.1", sharedDb());
    const support = await loggedIn(own.support, "/support");
    await support.goto(`${BASE_URL}/support/mailboxes?field=address&q=${encodeURIComponent(own.mailbox)}`);
    const recordHref = await support.getByRole("link", { name: own.mailbox }).getAttribute("href");
    const urls = [
      "/support",
      "/support/tickets",
      `/support/tickets/${ticketId}`,
      `/support/mailboxes?field=customerNumber&q=${own.customerNumber}`,
      `${String(recordHref)}?ticket=1`,
      "/support/audit",
    ];
    const forbidden = [/\$argon2id\$/, /password_?hash/i, /token_?hash/i, /"sealed"|v1\.[\w-]{16}\.[\w-]{22}\./, /secret/i];
    for (const url of urls) {
      for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
        const res = await support.request.get(`${BASE_URL}${url}`, { headers });
        expect(res.status(), url).toBe(200);
        const body = await res.text();
        for (const pattern of forbidden) expect(body, `${url} ${JSON.stringify(headers)}`).not.toMatch(pattern);
        expect(body).not.toContain(password);
      }
    }
  });
});
