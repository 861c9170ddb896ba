/**
 * "Konto bearbeiten" while logged in: the current password first, then Stammdaten. Uses K10002 and
 * puts its phone number back afterwards.
 */
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { firstRow } from "@/db/rows";
import { withRunDb } from "../support/run-db";

let browser: Browser;
let savedPhone = "";

async function customerRow() {
  return await withRunDb((db) => firstRow(db.select().from(schema.customers).where(eq(schema.customers.customerNumber, "K10002"))));
}

beforeAll(async () => {
  browser = await launchChromium();
  savedPhone = (await customerRow())?.phone ?? "";
});
afterAll(async () => {
  await browser?.close();
  await withRunDb((db) => db.update(schema.customers).set({ phone: savedPhone }).where(eq(schema.customers.customerNumber, "K10002")));
});

describe("Konto bearbeiten in Chromium", () => {
  it("asks for the current password before the Stammdaten can be changed", async () => {
    const context = await browser.newContext({ locale: "de-DE" });
    const page = await context.newPage();
    await logIn(page, "K10002", DEMO_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/ksc`);
    await page.goto(`${BASE_URL}/ksc/account`);
    await page.getByText("Aktuelles Passwort bestätigen").waitFor();
    expect(await page.getByLabel("Telefon").count()).toBe(0);
    await page.getByLabel("Aktuelles Passwort").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Bestätigen" }).click();
    await page.getByText("Bestätigt bis").waitFor({ timeout: 30_000 });
    await page.getByLabel("Telefon").fill("+49 40 555 0102");
    await page.getByRole("button", { name: "Speichern" }).first().click();
    await page.getByText("Gespeichert.").waitFor({ timeout: 30_000 });
    expect((await customerRow())?.phone).toBe("+49 40 555 0102");
    await context.close();
  });
});
