/**
 * Tenant isolation through the real pages: a reseller opening another reseller's customer or package
 * gets 404, and a mail administrator gets 404 for another customer's mail account.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as schema from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { firstRow } from "@/db/rows";
import { openRunDb } from "../support/run-db";

let browser: Browser;
const ids = { k10001: 0, k20001: 0, mailBasic: 0, southPackage: 0, k10001_002: 0 };

beforeAll(async () => {
  browser = await launchChromium();
  const { db, close } = openRunDb();
  const customer = async (n: string) =>
    (await firstRow(db.select({ id: schema.customers.id }).from(schema.customers).where(eq(schema.customers.customerNumber, n))))?.id ?? 0;
  ids.k10001 = await customer("K10001");
  ids.k20001 = await customer("K20001");
  const pkgs = await db
    .select({ id: schema.packages.id, name: schema.packages.name, resellerId: schema.packages.resellerId })
    .from(schema.packages);
  ids.mailBasic = pkgs.find((p) => p.name === "Mail Basic")?.id ?? 0;
  const south = (
    await firstRow(db.select({ id: schema.resellers.id }).from(schema.resellers).where(eq(schema.resellers.customerNumberBase, 20000)))
  )?.id;
  ids.southPackage = pkgs.find((p) => p.resellerId === south)?.id ?? 0;
  ids.k10001_002 =
    (await firstRow(db.select({ id: schema.mailAccounts.id }).from(schema.mailAccounts).where(eq(schema.mailAccounts.login, "k10001.002"))))
      ?.id ?? 0;
  await close();
  expect(Object.values(ids).every((v) => v > 0)).toBe(true);
});
afterAll(async () => {
  await browser?.close();
});

async function loggedIn(identifier: string, area: "KundenServiceCenter" | "E-Mail-Administration", home: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: "de-DE" })).newPage();
  page.setDefaultTimeout(60_000);
  await logIn(page, identifier, DEMO_PASSWORD, area);
  await page.waitForURL(`${BASE_URL}${home}`);
  return page;
}

async function status(page: Page, path: string) {
  return (await page.goto(`${BASE_URL}${path}`))?.status();
}

describe("isolation between resellers and between customers", () => {
  it("answers 404 for the other reseller's customers and packages, 200 for its own", async () => {
    const south = await loggedIn("reseller2@kontor.example", "KundenServiceCenter", "/reseller");
    expect(await status(south, `/reseller/customers/${ids.k10001}`)).toBe(404);
    expect(await status(south, `/reseller/packages/${ids.mailBasic}`)).toBe(404);
    expect(await status(south, `/reseller/customers/${ids.k20001}`)).toBe(200);
    expect(await status(south, `/reseller/packages/${ids.southPackage}`)).toBe(200);
    await status(south, "/reseller/customers?q=K10001");
    expect(await south.locator("main").innerText()).not.toContain("Bäckerei");
    await south.context().close();

    const north = await loggedIn("reseller@kontor.example", "KundenServiceCenter", "/reseller");
    expect(await status(north, `/reseller/customers/${ids.k20001}`)).toBe(404);
    expect(await status(north, `/reseller/packages/${ids.southPackage}`)).toBe(404);
    expect(await status(north, `/reseller/customers/${ids.k10001}`)).toBe(200);
    await north.context().close();
  });

  it("keeps customers and mail administrators out of the reseller and admin areas", async () => {
    const customer = await loggedIn("kunde@kontor.example", "KundenServiceCenter", "/ksc");
    expect(await status(customer, `/reseller/customers/${ids.k10001}`)).toBe(404);
    expect(await status(customer, "/admin/settings")).toBe(404);
    await customer.context().close();
    const mailAdmin = await loggedIn("k10001.001", "E-Mail-Administration", "/mailadmin");
    expect(await status(mailAdmin, `/mailadmin/konten/${ids.k10001_002}`)).toBe(200);
    expect(await status(mailAdmin, "/mailadmin/konten/999999")).toBe(404);
    expect(await status(mailAdmin, "/reseller/packages")).toBe(404);
    await mailAdmin.context().close();
  });
});
