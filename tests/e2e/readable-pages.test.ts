/**
 * Issue 25, left open after the first walk, checked in Chromium:
 * - the CSV upload reads in the page's language (not the browser's "Choose File" / "No file chosen"),
 *   stays one keyboard stop and posts the chosen file;
 * - the E-Mail-Administration names its aliases section once;
 * - the audit log shows what happened as a phrase, not the stored code.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCustomerWithPackage, aMailAccount, TEST_PASSWORD } from "../support/factories";
import { BASE_URL, inLanguage, launchChromium, loggedInPage } from "./support/browser";
import { sharedDb } from "./support/world";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const UPLOAD = {
  de: { file: "CSV-Datei", button: "Datei auswählen", none: "Keine Datei ausgewählt", check: "Prüfen", fine: "Die Datei ist in Ordnung" },
  it: { file: "File CSV", button: "Scelga un file", none: "Nessun file selezionato", check: "Verifica", fine: "Il file è in ordine" },
} as const;

describe("file upload in the page's language", () => {
  it.each(["de", "it"] as const)("%s: own button and state, keyboard focus on the field, the file is posted", async (locale) => {
    const db = sharedDb();
    const sub = await aCustomerWithPackage(db);
    // An English browser: what the native control would have shown.
    const { context, page } = await loggedInPage(browser, {
      identifier: sub.customer.email,
      password: TEST_PASSWORD,
      area: "KundenServiceCenter",
      landing: "/ksc",
      browserLocale: "en-US",
    });
    try {
      await page.goto(`${BASE_URL}/ksc/import`);
      await inLanguage(context, page, locale);
      const texts = UPLOAD[locale];
      const input = page.getByLabel(texts.file);
      const form = page.locator("form:has(input[type=file])");
      await expect.poll(() => form.innerText()).toContain(texts.button);
      expect(await form.innerText()).toContain(texts.none);
      // The native control (and its English words) is hidden from sight, not from the keyboard.
      const box = await input.boundingBox();
      expect((box?.width ?? 0) <= 1 && (box?.height ?? 0) <= 1).toBe(true);
      await page.getByLabel(locale === "de" ? "Ziel-Paket" : "Pacchetto di destinazione").focus();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("file");

      const address = `datei-${locale}-${String(Date.now())}@${sub.domain.name}`;
      await input.setInputFiles({
        name: "umzug.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(`type;address;password;quota_mb;enabled;targets\nmailbox;${address};generate;;;\n`),
      });
      await expect.poll(() => form.innerText()).toContain("umzug.csv");
      expect(await form.innerText()).not.toContain(texts.none);
      await page.getByRole("button", { name: texts.check }).click();
      await page.getByText(texts.fine, { exact: false }).waitFor({ timeout: 30_000 });
    } finally {
      await context.close();
    }
  });
});

describe("E-Mail-Administration headings", () => {
  it.each(["de", "en", "it"] as const)("%s: the aliases section is named once", async (locale) => {
    const db = sharedDb();
    const { admin } = await aMailAccount(db);
    const { context, page } = await loggedInPage(browser, {
      identifier: admin.login,
      password: TEST_PASSWORD,
      area: "E-Mail-Administration",
      landing: "/mailadmin",
      browserLocale: "de-DE",
    });
    try {
      await inLanguage(context, page, locale);
      const title = { de: "E-Mail-Aliase", en: "E-mail aliases", it: "Alias e-mail" }[locale];
      await page.getByRole("heading", { name: title, exact: true }).first().waitFor();
      expect(await page.getByRole("heading", { name: title, exact: true }).count()).toBe(1);
      // Every heading text on the page appears once.
      const headings = await page.getByRole("heading").allInnerTexts();
      expect(headings.filter((h, i) => headings.indexOf(h) !== i)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe("audit log phrases", () => {
  it.each(["de", "en", "it"] as const)("%s: a customer reads what happened, not the stored code", async (locale) => {
    const db = sharedDb();
    const sub = await aCustomerWithPackage(db);
    // The login itself is the entry to read.
    const { context, page } = await loggedInPage(browser, {
      identifier: sub.customer.email,
      password: TEST_PASSWORD,
      area: "KundenServiceCenter",
      landing: "/ksc",
      browserLocale: "de-DE",
    });
    try {
      await page.goto(`${BASE_URL}/ksc/audit`);
      await inLanguage(context, page, locale);
      const table = page.getByRole("table");
      await table.waitFor();
      const text = await table.innerText();
      expect(text).toContain({ de: "Anmeldung", en: "Signed in", it: "Accesso effettuato" }[locale]);
      expect(text).toContain(
        {
          de: "Loginbereich: KundenServiceCenter",
          en: "Login area: Customer Service Center",
          it: "Area di accesso: Centro servizi clienti",
        }[locale],
      );
      expect(text).not.toMatch(/login\.success|area=/);
      // The code as a tooltip is for the administration only.
      expect(await table.locator("[title='login.success']").count()).toBe(0);
      const phrase = { de: "Anmeldung", en: "Signed in", it: "Accesso effettuato" }[locale];
      const options = await page.locator("#audit-action option").allInnerTexts();
      expect(options.filter((o) => o.trim() === phrase)).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
