/**
 * Issue 25, point 9, in the E-Mail-Administration: "Mail-Konto anlegen" with a quota above the
 * package's limit, a too short password and a different repetition shows all three errors in one
 * answer, each beside its field, the quota's naming the limit, in German, English and Italian. The
 * quota the user typed stays; the passwords do not.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import { aCustomerWithPackage, aMailAccount, TEST_PASSWORD } from "../support/factories";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { fieldErrorText } from "./support/field-error";
import { sharedDb } from "./support/world";

// A limit no default uses, so the message can only have it from this package.
const LIMIT_MB = 777;
const QUOTA_MESSAGE: Record<Locale, RegExp> = {
  de: new RegExp(`Höchstens ${String(LIMIT_MB)} MB`),
  en: new RegExp(`at most ${String(LIMIT_MB)} MB`),
  it: new RegExp(`al massimo ${String(LIMIT_MB)} MB`),
};
const PASSWORD_SHORT: Record<Locale, RegExp> = { de: /mindestens/i, en: /at least/i, it: /almeno/i };
const MISMATCH: Record<Locale, RegExp> = { de: /stimm/i, en: /match/i, it: /coincid/i };

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("E-Mail-Administration: every error of the new account form at once", () => {
  it.each<Locale>(["de", "en", "it"])(
    "%s: quota above the limit (named), too short password and mismatch together",
    async (locale) => {
      const db = sharedDb();
      const sub = await aCustomerWithPackage(db, { package: { panel: "none", mailboxQuotaMb: LIMIT_MB, maxMailboxes: 5 } });
      const { admin } = await aMailAccount(db, { sub });
      const context = await browser.newContext({ locale: "de-DE" });
      try {
        const page = await context.newPage();
        await logIn(page, admin.login, TEST_PASSWORD, "E-Mail-Administration");
        await page.waitForURL(`${BASE_URL}/mailadmin`);
        await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: BASE_URL }]);
        await page.reload();
        const form = page.locator('form:has(input[name="quotaMb"]):has(input[name="newPassword"])');
        await form.locator('input[name="quotaMb"]').fill("999999");
        await form.locator('input[name="newPassword"]').fill("kurz");
        await form.locator('input[name="confirmPassword"]').fill("anders");
        await form.locator('button[type="submit"]').click();

        await expect.poll(() => fieldErrorText(page, "quotaMb", form), { timeout: 20_000 }).toMatch(QUOTA_MESSAGE[locale]);
        expect(await fieldErrorText(page, "newPassword", form)).toMatch(PASSWORD_SHORT[locale]);
        expect(await fieldErrorText(page, "confirmPassword", form)).toMatch(MISMATCH[locale]);
        expect(await form.innerText()).not.toMatch(/\{max\}|orders\.|panel\.errors|mailAdmin\./);
        // "Bitte prüfen Sie die markierten Felder": a refused field looks different from a valid one,
        // and the focus is on the first of them.
        const border = (name: string) =>
          page
            .locator(`input[name="${name}"]`)
            .first()
            .evaluate((el) => getComputedStyle(el).borderTopColor);
        expect(await border("quotaMb")).not.toBe(await border("localPart"));
        expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("quotaMb");
        // What the user typed stays beside its error; passwords are never kept.
        expect(await form.locator('input[name="quotaMb"]').inputValue()).toBe("999999");
        expect(await form.locator('input[name="newPassword"]').inputValue()).toBe("");
      } finally {
        await context.close();
      }
    },
    120_000,
  );
});
