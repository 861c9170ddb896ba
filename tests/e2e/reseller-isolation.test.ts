/**
 * Tenant isolation through the real pages: a reseller opening another reseller's customer or package
 * gets 404, and a mail administrator gets 404 for another customer's mail account.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCustomer, aCustomerWithPackage, aMailAccount, aReseller, TEST_PASSWORD } from "../support/factories";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { sharedDb } from "./support/world";

let browser: Browser;
/**
 * Two resellers of their own: "north" with a customer whose package without panel has the mail
 * accounts `.001` and `.002`, "south" with a customer and a package of its own.
 */
const ids = { north: "", south: "", northCustomer: 0, southCustomer: 0, mailBasic: 0, southPackage: 0, account002: 0 };
const logins = { customer: "", mailAdmin: "", customerNumber: "", company: "" };

beforeAll(async () => {
  const db = sharedDb();
  const north = await aReseller(db);
  logins.company = `Nordkunde ${String(north.customerNumberBase)}`;
  const customer = await aCustomer(db, north, { company: logins.company });
  const mail = await aMailAccount(db, {
    sub: await aCustomerWithPackage(db, { reseller: north, customer, package: { panel: "none" } }),
    extraAccounts: 1,
  });
  const south = await aCustomerWithPackage(db);
  Object.assign(ids, {
    north: north.email,
    south: south.reseller.email,
    northCustomer: customer.id,
    southCustomer: south.customer.id,
    mailBasic: mail.packageId,
    southPackage: south.packageId,
    account002: mail.accounts[0].id,
  });
  Object.assign(logins, { customer: customer.email, mailAdmin: mail.admin.login, customerNumber: customer.customerNumber });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function loggedIn(identifier: string, area: "KundenServiceCenter" | "E-Mail-Administration", home: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: "de-DE" })).newPage();
  page.setDefaultTimeout(60_000);
  await logIn(page, identifier, TEST_PASSWORD, area);
  await page.waitForURL(`${BASE_URL}${home}`);
  return page;
}

async function status(page: Page, path: string) {
  return (await page.goto(`${BASE_URL}${path}`))?.status();
}

describe("isolation between resellers and between customers", () => {
  it("answers 404 for the other reseller's customers and packages, 200 for its own", async () => {
    const south = await loggedIn(ids.south, "KundenServiceCenter", "/reseller");
    expect(await status(south, `/reseller/customers/${ids.northCustomer}`)).toBe(404);
    expect(await status(south, `/reseller/packages/${ids.mailBasic}`)).toBe(404);
    expect(await status(south, `/reseller/customers/${ids.southCustomer}`)).toBe(200);
    expect(await status(south, `/reseller/packages/${ids.southPackage}`)).toBe(200);
    await status(south, `/reseller/customers?q=${logins.customerNumber}`);
    expect(await south.locator("main").innerText()).not.toContain(logins.company);
    await south.context().close();

    const north = await loggedIn(ids.north, "KundenServiceCenter", "/reseller");
    expect(await status(north, `/reseller/customers/${ids.southCustomer}`)).toBe(404);
    expect(await status(north, `/reseller/packages/${ids.southPackage}`)).toBe(404);
    expect(await status(north, `/reseller/customers/${ids.northCustomer}`)).toBe(200);
    await north.context().close();
  });

  it("keeps customers and mail administrators out of the reseller and admin areas", async () => {
    const customer = await loggedIn(logins.customer, "KundenServiceCenter", "/ksc");
    expect(await status(customer, `/reseller/customers/${ids.northCustomer}`)).toBe(404);
    expect(await status(customer, "/admin/settings")).toBe(404);
    await customer.context().close();
    const mailAdmin = await loggedIn(logins.mailAdmin, "E-Mail-Administration", "/mailadmin");
    expect(await status(mailAdmin, `/mailadmin/konten/${ids.account002}`)).toBe(200);
    expect(await status(mailAdmin, "/mailadmin/konten/999999")).toBe(404);
    expect(await status(mailAdmin, "/reseller/packages")).toBe(404);
    await mailAdmin.context().close();
  });
});
