/**
 * "Konto bearbeiten" while logged in: the current password first, then Stammdaten. A customer of its
 * own, logging in with its customer number.
 */
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { aCustomer, TEST_PASSWORD, type TestCustomer } from "../support/factories";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { sharedDb } from "./support/world";
import { firstRow } from "@/db/rows";
import { withRunDb } from "../support/run-db";

let browser: Browser;
let customer: TestCustomer;

async function customerRow() {
  return await withRunDb((db) => firstRow(db.select().from(schema.customers).where(eq(schema.customers.id, customer.id))));
}

beforeAll(async () => {
  customer = await aCustomer(sharedDb());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("Konto bearbeiten in Chromium", () => {
  it("asks for the current password before the Stammdaten can be changed", async () => {
    const context = await browser.newContext({ locale: "de-DE" });
    const page = await context.newPage();
    await logIn(page, customer.customerNumber, TEST_PASSWORD, "KundenServiceCenter");
    expect((await customerRow())?.phone).not.toBe("+49 40 555 0102");
    await page.waitForURL(`${BASE_URL}/ksc`);
    await page.goto(`${BASE_URL}/ksc/account`);
    await page.getByText("Aktuelles Passwort bestätigen").waitFor();
    expect(await page.getByLabel("Telefon").count()).toBe(0);
    await page.getByLabel("Aktuelles Passwort").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Bestätigen" }).click();
    await page.getByText("Bestätigt bis").waitFor({ timeout: 30_000 });
    await page.getByLabel("Telefon").fill("+49 40 555 0102");
    await page.getByRole("button", { name: "Speichern" }).first().click();
    await page.getByText("Gespeichert.").waitFor({ timeout: 30_000 });
    expect((await customerRow())?.phone).toBe("+49 40 555 0102");
    await context.close();
  });
});
