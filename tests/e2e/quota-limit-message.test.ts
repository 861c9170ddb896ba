import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aPanelMailbox, INITIAL_PASSWORD } from "./panel-support";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { fieldErrorText } from "./support/field-error";

/**
 * Issue 25: a quota above the package's limit is refused with the limit named, in the same answer as
 * the schema's errors (a too short password), beside the quota field, on every Plesk layout.
 */
// Limits no default uses, so a message can only have them from the package of the test's own customer.
const LAYOUTS = [
  { kind: "plesk8", panel: "Plesk 8", limit: 1111 },
  { kind: "plesk9", panel: "Plesk 9", limit: 2222 },
  { kind: "plesk10", panel: "Plesk 10", limit: 3333 },
] as const;
const EXPECTED = {
  de: (max: number) => `Höchstens ${String(max)} MB`,
  en: (max: number) => `at most ${String(max)} MB`,
  it: (max: number) => `al massimo ${String(max)} MB`,
};

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("quota above the package's limit, together with a password error", () => {
  for (const { kind, panel, limit } of LAYOUTS) {
    for (const lang of ["de", "en", "it"] as const) {
      it(`${panel}, ${lang}: names the limit beside the quota field next to the password error`, async () => {
        const m = await aPanelMailbox(kind, { package: { mailboxQuotaMb: limit } });
        const context = await browser.newContext({ locale: { de: "de-DE", en: "en-US", it: "it-IT" }[lang] });
        try {
          const page = await context.newPage();
          await logIn(page, m.customer, INITIAL_PASSWORD, "KundenServiceCenter");
          await page.waitForURL(`${BASE_URL}/ksc`);
          await context.addCookies([{ name: "NEXT_LOCALE", value: lang, url: BASE_URL }]);
          await page.goto(`${BASE_URL}/panel/${String(m.subscriptionId)}/mail/${String(m.mailboxId)}/settings`);
          const quota = page.locator('input[name="quotaMb"]');
          await quota.fill("999999");
          await page.locator('input[name="newPassword"]').fill("kurz");
          await page.locator('input[name="confirmPassword"]').fill("kurz");
          await page.locator('form:has(input[name="quotaMb"]) button[type="submit"]').click();
          await expect.poll(() => fieldErrorText(page, "quotaMb"), { timeout: 20_000 }).toContain(EXPECTED[lang](limit));
          expect(await fieldErrorText(page, "newPassword")).not.toBe("");
          expect(await fieldErrorText(page, "quotaMb")).not.toMatch(/panel\.errors|\{max\}/);
        } finally {
          await context.close();
        }
      });
    }
  }
});
