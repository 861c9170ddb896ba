/**
 * Another customer's panel URLs answer 404 in the browser, as do packages without a panel. Customers
 * of their own: A and B of one reseller, C of another.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCustomer, aCustomerWithPackage } from "../support/factories";
import { aPanelMailbox, INITIAL_PASSWORD, type PanelMailbox } from "./panel-support";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { sharedDb } from "./support/world";

let browser: Browser;
let page: Page;
let a: PanelMailbox;
let b: PanelMailbox;
let c: PanelMailbox;
/** A's package without a panel. */
let aWithoutPanel = 0;

beforeAll(async () => {
  const db = sharedDb();
  a = await aPanelMailbox("plesk8");
  const reseller = a.sub.reseller;
  b = await aPanelMailbox("plesk10", { owner: { reseller, customer: await aCustomer(db, reseller) } });
  c = await aPanelMailbox("plesk9");
  aWithoutPanel = (await aCustomerWithPackage(db, { reseller, customer: a.sub.customer, package: { panel: "none" } })).subscriptionId;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function statusOf(path: string) {
  const res = await page.goto(`${BASE_URL}${path}`);
  return res?.status();
}

describe("panel tenant isolation in the browser", () => {
  it("gives a customer a 404 for a neighbour's subscription and mailbox, also behind its own subscription id", async () => {
    page = await (await browser.newContext({ locale: "de-DE" })).newPage();
    await logIn(page, b.customer, INITIAL_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/ksc`);
    const [foreignSub, ownSub, foreignMailbox] = [a.subscriptionId, b.subscriptionId, a.mailboxId];
    expect(await statusOf(`/panel/${ownSub}`)).toBe(200);
    for (const path of [
      `/panel/${foreignSub}`,
      `/panel/${foreignSub}/mail`,
      `/panel/${foreignSub}/mail/${foreignMailbox}/settings`,
      `/panel/${ownSub}/mail/${foreignMailbox}`,
      `/panel/${ownSub}/mail/${foreignMailbox}/settings`,
      `/panel/${ownSub}/mail/delete?ids=${foreignMailbox}`,
    ]) {
      expect(await statusOf(path), path).toBe(404);
    }
    expect(await page.getByText(a.address).count()).toBe(0);
  });

  it("gives a customer a 404 for the other reseller's customer and for its own package without a panel", async () => {
    page = await (await browser.newContext({ locale: "de-DE" })).newPage();
    await logIn(page, a.customer, INITIAL_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/ksc`);
    expect(await statusOf(`/panel/${c.subscriptionId}/mail/${c.mailboxId}`)).toBe(404);
    expect(await statusOf(`/panel/${aWithoutPanel}`)).toBe(404);
    expect(await statusOf(`/panel/not-a-number`)).toBe(404);
  });
});
