/**
 * Issue 25: the browser's date input showed the browser's format (mm/dd/yyyy in an English browser)
 * on German pages. In an English-language Chromium the form kit's date field shows and takes the
 * page's format, a day that does not exist gets its message beside the field and stays as typed,
 * and the audit log's day filters read the same way.
 */
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autoresponders } from "@/db/schema";
import { firstRow } from "@/db/rows";
import { aCustomerWithPackage, aDomainWithMailboxes, TEST_PASSWORD } from "../support/factories";
import { BASE_URL, inLanguage, launchChromium, loggedInPage } from "./support/browser";
import { sharedDb } from "./support/world";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The texts the field's aria-describedby points at (hint, then the error when there is one). */
const describedText = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((input) =>
    (input.getAttribute("aria-describedby") ?? "")
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" | "),
  );

const LAST_DAY = { de: "Letzter Tag (optional)", en: "Last day (optional)", it: "Ultimo giorno (facoltativo)" } as const;

describe("date field in the page's language, in an English browser", () => {
  it("autoresponder: German format shown and taken, a wrong day refused beside the field, then en and it", async () => {
    const db = sharedDb();
    const { mailboxes } = await aDomainWithMailboxes(db, 1);
    const box = mailboxes[0];
    const { context, page } = await loggedInPage(browser, {
      identifier: box.address,
      password: TEST_PASSWORD,
      area: "einzelne Mailbox",
      landing: "/mailbox",
      browserLocale: "en-US",
    });
    try {
      await page.goto(`${BASE_URL}/mailbox/autoresponder`);
      const last = page.getByLabel(LAST_DAY.de, { exact: true });
      // A text field in the page's format, not the browser's date control.
      expect(await last.getAttribute("type")).toBe("text");
      expect(await last.getAttribute("placeholder")).toBe("TT.MM.JJJJ");
      expect(await describedText(page, LAST_DAY.de)).toContain("Format: TT.MM.JJJJ");

      await page.getByLabel("Text der Antwort").fill("Bin im Urlaub.");
      await last.fill("31.02.2027");
      await page.getByRole("button", { name: "Speichern" }).click();
      await expect.poll(() => describedText(page, LAST_DAY.de)).toContain("Bitte geben Sie ein Datum im Format TT.MM.JJJJ ein");
      expect(await last.inputValue()).toBe("31.02.2027");
      expect(await last.getAttribute("aria-invalid")).toBe("true");

      await last.fill("31.12.2027");
      await page.getByLabel("Erster Tag (optional)", { exact: true }).fill("1.12.27");
      await page.getByRole("button", { name: "Speichern" }).click();
      await page.getByText("Die Abwesenheitsnotiz wurde gespeichert.").waitFor();
      const row = await firstRow(db.select().from(autoresponders).where(eq(autoresponders.mailboxId, box.id)));
      expect(row).toMatchObject({ startsOn: "2027-12-01", endsOn: "2027-12-31" });

      await page.reload();
      expect(await page.getByLabel(LAST_DAY.de, { exact: true }).inputValue()).toBe("31.12.2027");
      expect(await page.getByLabel("Erster Tag (optional)", { exact: true }).inputValue()).toBe("01.12.2027");
      for (const [locale, format] of [
        ["en", "DD/MM/YYYY"],
        ["it", "GG/MM/AAAA"],
      ] as const) {
        await inLanguage(context, page, locale);
        const field = page.getByLabel(LAST_DAY[locale], { exact: true });
        expect(await field.inputValue()).toBe("31/12/2027");
        expect(await field.getAttribute("placeholder")).toBe(format);
      }
    } finally {
      await context.close();
    }
  });

  it("audit log: the day filters take the German format and say when a day is none", async () => {
    const db = sharedDb();
    const sub = await aCustomerWithPackage(db);
    const { context, page } = await loggedInPage(browser, {
      identifier: sub.customer.email,
      password: TEST_PASSWORD,
      area: "KundenServiceCenter",
      landing: "/ksc",
      browserLocale: "en-US",
    });
    try {
      await page.goto(`${BASE_URL}/ksc/audit`);
      const from = page.getByLabel("Von (Tag)", { exact: true });
      expect(await from.getAttribute("type")).toBe("text");
      await from.fill("1.1.2020");
      await page.getByLabel("Bis (Tag)", { exact: true }).fill("32.1.2020");
      await page.getByRole("button", { name: "Anwenden" }).click();
      await page.waitForURL(/from=1\.1\.2020/);
      expect(await page.getByLabel("Von (Tag)", { exact: true }).inputValue()).toBe("01.01.2020");
      expect(await page.getByLabel("Bis (Tag)", { exact: true }).inputValue()).toBe("32.1.2020");
      expect(await describedText(page, "Bis (Tag)")).toContain("Bitte geben Sie ein Datum im Format TT.MM.JJJJ ein");
      expect(await describedText(page, "Von (Tag)")).not.toContain("Bitte geben Sie");
    } finally {
      await context.close();
    }
  });
});
