/**
 * The administration's reseller page and the reseller's customer page in the browser: an edit with a
 * refused field and then a good save, deleting a reseller refused while it has customers and allowed
 * without, deleting a customer refused while it has subscriptions and allowed after "Vertrag beenden"
 * (whose confirmation names what goes), the administration ending a subscription on the reseller page,
 * the administration deleting a customer from the reseller page (refused while it has subscriptions),
 * and on "API-Schlüssel" the administration revoking a customer's key, which the API refuses at once.
 */
import crypto from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anAdmin, TEST_PASSWORD } from "../support/factories";
import { API_TEST_PASSWORD, type ApiTenant, openApiWorld } from "./support/api-world";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { sharedDb } from "./support/world";

const world = openApiWorld();
let browser: Browser;
/** An administration of this file's own; a staff actor's label is its login, the e-mail address. */
let ADMIN = "";
beforeAll(async () => {
  ADMIN = (await anAdmin(sharedDb())).label;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await world.close();
});

async function loggedIn(login: string, password: string, home: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: "de-DE" })).newPage();
  page.setDefaultTimeout(60_000);
  await logIn(page, login, password, "KundenServiceCenter");
  await page.waitForURL(`${BASE_URL}${home}`);
  return page;
}
const resellerLogin = (t: ApiTenant) => t.reseller.label;
/** Clicks a button of the form kit's delete forms and answers its confirmation with OK; returns the dialog's text. */
async function confirmClick(scope: Page | ReturnType<Page["locator"]>, page: Page, name: string): Promise<string> {
  await scope.getByRole("button", { name, exact: true }).click();
  const dialog = page.getByRole("alertdialog");
  const text = await dialog.locator("p").innerText();
  await dialog.getByRole("button", { name: "OK" }).click();
  return text;
}

describe("administration: reseller page", () => {
  it("marks a refused field, saves a good change, refuses deleting while customers exist, deletes once they are gone", async () => {
    const t = await world.tenant("adm-page");
    const resellerId = t.reseller.resellerId ?? 0;
    const admin = await loggedIn(ADMIN, TEST_PASSWORD, "/admin");
    await admin.goto(`${BASE_URL}/admin/resellers/${resellerId}`);
    const base = admin.getByRole("textbox", { name: "Basis der Kundennummern" });
    await base.fill("12345");
    await admin.getByRole("button", { name: "Reseller speichern" }).click();
    await expect.poll(() => base.getAttribute("aria-invalid")).toBe("true");
    expect(await admin.locator("main").innerText()).toContain("Bitte ein Vielfaches von 1000");
    // A free, round base (the world's own bases are not round: the builders skip the form's rules).
    await base.fill(String(100_000_000 + crypto.randomInt(0, 800_000) * 1000));
    await admin.getByRole("textbox", { name: "Name", exact: true }).fill(`Umbenannt ${world.tag}`);
    await admin.getByRole("button", { name: "Reseller speichern" }).click();
    await admin.getByText("Der Reseller wurde gespeichert.").waitFor();
    await admin.reload();
    expect(await admin.getByRole("textbox", { name: "Name", exact: true }).inputValue()).toBe(`Umbenannt ${world.tag}`);

    await confirmClick(admin, admin, "Reseller löschen");
    await admin.getByText("Dieser Reseller hat noch Kunden und kann nicht gelöscht werden.").waitFor();

    // The reseller ends the subscription and deletes the customer on its own pages (next test's steps).
    const reseller = await loggedIn(resellerLogin(t), API_TEST_PASSWORD, "/reseller");
    await reseller.goto(`${BASE_URL}/reseller/customers/${t.customer.customerId ?? 0}`);
    await confirmClick(reseller, reseller, "Vertrag beenden");
    await reseller.getByText("Dieser Kunde hat noch keinen Tarif.").waitFor();
    await confirmClick(reseller, reseller, "Kunden löschen");
    await reseller.waitForURL(`${BASE_URL}/reseller/customers`);
    await reseller.context().close();

    await admin.reload();
    await confirmClick(admin, admin, "Reseller löschen");
    await admin.waitForURL(`${BASE_URL}/admin/resellers`);
    expect(await admin.locator("main").innerText()).not.toContain(`Umbenannt ${world.tag}`);
    expect((await admin.goto(`${BASE_URL}/admin/resellers/${resellerId}`))?.status()).toBe(404);
    await admin.context().close();
  });

  it("lets the administration end a customer's subscription from the reseller page, naming what goes", async () => {
    const t = await world.tenant("adm-end");
    const admin = await loggedIn(ADMIN, TEST_PASSWORD, "/admin");
    await admin.goto(`${BASE_URL}/admin/resellers/${t.reseller.resellerId ?? 0}`);
    const row = admin.getByRole("listitem").filter({ hasText: t.domain });
    const text = await confirmClick(row, admin, "Vertrag beenden");
    expect(text).toContain("Gelöscht werden 1 Domain mit 1 Postfach und keinem Alias");
    await admin.getByText("Die Kunden dieses Resellers haben keine Verträge.").waitFor();
    // The mailbox went with it: its owner's key finds it no more.
    const mailbox = await fetch(`${BASE_URL}/api/v1/mailboxes/${t.mailboxId}`, {
      headers: { authorization: `Bearer ${await world.keyFor(t.customer, ["mailboxes:read"])}` },
    });
    expect(mailbox.status).toBe(404);
    await admin.context().close();
  });
});

describe("administration: a reseller's customers", () => {
  it("deletes a customer from the reseller page once its subscription is ended; the confirmation names it and its tickets", async () => {
    const t = await world.tenant("adm-cust");
    const key = await world.keyFor(t.customer, ["tickets:read"]);
    const me = () => fetch(`${BASE_URL}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    expect((await me()).status).toBe(200);
    const admin = await loggedIn(ADMIN, TEST_PASSWORD, "/admin");
    await admin.goto(`${BASE_URL}/admin/resellers/${t.reseller.resellerId ?? 0}`);
    const customers = admin.locator("section").filter({ has: admin.getByRole("heading", { name: "Kunden", exact: true }) });
    const row = customers.getByRole("listitem").filter({ hasText: "API adm-cust" });
    expect(await row.innerText()).toContain("1 Vertrag");

    const text = await confirmClick(row, admin, "Kunden löschen");
    expect(text).toMatch(
      /^Kunden K\d+ \(API adm-cust\) wirklich löschen\? Gelöscht werden sein Zugang zum KundenServiceCenter und keine Tickets\./,
    );
    await admin.getByText("Dieser Kunde hat noch Verträge und kann nicht gelöscht werden.").waitFor();
    expect((await me()).status).toBe(200);

    await confirmClick(admin.getByRole("listitem").filter({ hasText: t.domain }), admin, "Vertrag beenden");
    await admin.getByText("Die Kunden dieses Resellers haben keine Verträge.").waitFor();
    await confirmClick(customers.getByRole("listitem").filter({ hasText: "API adm-cust" }), admin, "Kunden löschen");
    await admin.getByText("Dieser Reseller hat keine Kunden.").waitFor();
    expect(admin.url()).toBe(`${BASE_URL}/admin/resellers/${t.reseller.resellerId ?? 0}`);
    // The customer's login went with it: its key is refused at once.
    expect((await me()).status).toBe(401);
    await admin.context().close();
  });
});

describe("reseller: customer page", () => {
  it("refuses deleting a customer with subscriptions, names the counts when ending one, then deletes the customer", async () => {
    const t = await world.tenant("cust-del");
    const reseller = await loggedIn(resellerLogin(t), API_TEST_PASSWORD, "/reseller");
    const url = `${BASE_URL}/reseller/customers/${t.customer.customerId ?? 0}`;
    await reseller.goto(url);
    await confirmClick(reseller, reseller, "Kunden löschen");
    await reseller.getByText("Dieser Kunde hat noch Verträge und kann nicht gelöscht werden.").waitFor();
    // Cancelling the end changes nothing.
    await reseller.getByRole("button", { name: "Vertrag beenden", exact: true }).click();
    const dialog = reseller.getByRole("alertdialog");
    expect(await dialog.locator("p").innerText()).toMatch(
      /Vertrag „API cust-del #\d+“ wirklich beenden\? Gelöscht werden 1 Domain mit 1 Postfach/,
    );
    await dialog.getByRole("button", { name: "Abbrechen" }).click();
    await reseller.reload();
    expect(await reseller.locator("main").innerText()).toContain(t.domain);

    await confirmClick(reseller, reseller, "Vertrag beenden");
    await reseller.getByText("Dieser Kunde hat noch keinen Tarif.").waitFor();
    expect(await reseller.locator("main").innerText()).not.toContain(t.domain);
    await confirmClick(reseller, reseller, "Kunden löschen");
    await reseller.waitForURL(`${BASE_URL}/reseller/customers`);
    expect((await reseller.goto(url))?.status()).toBe(404);
    await reseller.context().close();
  });
});

describe("API-Schlüssel: other accounts' keys", () => {
  it("shows the administration a customer's key with its owner; revoking it makes the API answer 401 at once", async () => {
    const t = await world.tenant("key-rev");
    const name = `Leck ${world.tag}`; // keyFor adds the world's tag
    const key = await world.keyFor(t.customer, ["mailboxes:read"], "Leck");
    const me = () => fetch(`${BASE_URL}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    expect((await me()).status).toBe(200);
    const admin = await loggedIn(ADMIN, TEST_PASSWORD, "/admin");
    await admin.goto(`${BASE_URL}/api-schluessel`);
    const others = admin
      .locator("section")
      .filter({ has: admin.getByRole("heading", { name: "Schlüssel der von Ihnen betreuten Zugänge" }) });
    const row = others.getByTestId("api-key-row").filter({ hasText: name });
    expect(await row.innerText()).toContain(t.customer.label);
    const text = await confirmClick(row, admin, "Widerrufen");
    expect(text).toBe(`Schlüssel „${name}“ von ${t.customer.label} widerrufen? Skripte mit diesem Schlüssel werden ab sofort abgewiesen.`);
    // The state column says so and the button is gone.
    await expect.poll(async () => await row.getByRole("button", { name: "Widerrufen" }).count()).toBe(0);
    expect(await row.innerText()).toContain("widerrufen");
    expect((await me()).status).toBe(401);
    await admin.context().close();
  });
});
