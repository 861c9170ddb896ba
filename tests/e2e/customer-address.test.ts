/**
 * Issue 25: the reseller's new-customer form took "@@ kaputt ä" as postal code and city. In Chromium
 * the refusal shows beside both fields (German, then Italian), nothing is created, what was typed
 * stays, and a real address is taken.
 */
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers } from "@/db/schema";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { aReseller, TEST_PASSWORD } from "../support/factories";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { fieldErrorText } from "./support/field-error";
import { sharedDb } from "./support/world";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("reseller: new customer's postal code and city", () => {
  it("refuses '@@ kaputt ä' beside the fields in de and it, then takes a real address", async () => {
    const db = sharedDb();
    const reseller = await aReseller(db);
    const context = await browser.newContext({ locale: "de-DE" });
    try {
      const page = await context.newPage();
      await logIn(page, reseller.email, TEST_PASSWORD, "KundenServiceCenter");
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      await page.goto(`${BASE_URL}/reseller/customers/new`);
      const contactEmail = `plz-${String(Date.now())}@kunde.example`;
      await page.getByLabel("Ansprechpartner").fill("Erika Muster");
      await page.getByLabel("E-Mail-Adresse").fill(contactEmail);
      await page.getByLabel("PLZ", { exact: true }).fill("@@ kaputt ä");
      await page.getByLabel("Ort", { exact: true }).fill("@@ kaputt ä");
      await page.getByRole("button", { name: "Kunden anlegen" }).click();
      await expect.poll(() => fieldErrorText(page, "postalCode")).toContain("Bitte geben Sie eine Postleitzahl");
      expect(await fieldErrorText(page, "city")).toContain("Bitte geben Sie den Ort mit Buchstaben ein");
      expect(await page.getByLabel("PLZ", { exact: true }).inputValue()).toBe("@@ kaputt ä");

      await context.addCookies([{ name: LOCALE_COOKIE, value: "it", url: BASE_URL }]);
      await page.reload();
      await page.getByLabel("Referente").fill("Erika Muster");
      await page.getByLabel("Indirizzo e-mail").fill(contactEmail);
      await page.getByLabel("CAP", { exact: true }).fill("12 @");
      await page.getByLabel("Città", { exact: true }).fill("Roma 2");
      await page.getByRole("button", { name: "Crea cliente" }).click();
      await expect.poll(() => fieldErrorText(page, "postalCode")).toContain("Inserisca un codice postale");
      expect(await fieldErrorText(page, "city")).toContain("Inserisca la città in lettere");
      expect(await db.select().from(customers).where(eq(customers.contactEmail, contactEmail))).toEqual([]);

      await page.getByLabel("CAP", { exact: true }).fill("00-950");
      await page.getByLabel("Città", { exact: true }).fill("Reggio nell'Emilia");
      await page.getByRole("button", { name: "Crea cliente" }).click();
      await expect
        .poll(async () =>
          (await db.select().from(customers).where(eq(customers.contactEmail, contactEmail))).map((c) => [c.postalCode, c.city]),
        )
        .toEqual([["00-950", "Reggio nell'Emilia"]]);
    } finally {
      await context.close();
    }
  });
});
