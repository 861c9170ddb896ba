/**
 * One name per page (issue 25, points 13–15): for every role and in all three languages, each entry of
 * the side navigation and the user menu's "Passwort ändern" open a page whose heading is the entry's
 * text. Logs in with one login of each role of its own and only reads pages.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { TEST_PASSWORD } from "../support/factories";
import { BASE_URL, launchChromium, logIn, openUserMenu } from "./support/browser";
import { oneLoginOfEachRole, type RoleLogins } from "./support/world";

const ROLES = ["admin", "support", "reseller", "customer", "mailAdmin", "mailbox"] as const;
const CHANGE_PASSWORD = { de: "Passwort ändern", en: "Change password", it: "Cambia password" } as const;

let browser: Browser;
let logins: RoleLogins;
beforeAll(async () => {
  logins = (await oneLoginOfEachRole()).logins;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The page's heading, and where the entry really led (SupportCenter sends to Stammdaten until they are confirmed). */
async function heading(page: Page, href: string): Promise<{ h1: string; path: string }> {
  await page.goto(`${BASE_URL}${href}`);
  return { h1: ((await page.locator("main h1").first().textContent()) ?? "").trim(), path: new URL(page.url()).pathname };
}

describe("menu entries and page headings", () => {
  it.each(ROLES)(
    "%s: every menu entry names its page in de, en and it",
    async (role) => {
      const { identifier, area } = logins[role];
      const context: BrowserContext = await browser.newContext({ locale: "de-DE" });
      const page = await context.newPage();
      try {
        await logIn(page, identifier, TEST_PASSWORD, area);
        await page.waitForURL((url) => !url.pathname.startsWith("/login"));
        for (const locale of ["de", "en", "it"] as const) {
          await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: BASE_URL }]);
          await page.reload();
          const sidebar = page.getByRole("navigation").last();
          const entries = await sidebar
            .getByRole("link")
            .evaluateAll((links) =>
              links.map((a) => ({ href: new URL((a as HTMLAnchorElement).href).pathname, text: (a.textContent ?? "").trim() })),
            );
          expect(entries.length).toBeGreaterThan(0);
          const mismatches: string[] = [];
          for (const entry of entries) {
            const { h1, path } = await heading(page, entry.href);
            // A forwarding entry must land on another entry's page, which is compared in its own turn.
            if (path !== entry.href) {
              if (!entries.some((e) => e.href === path))
                mismatches.push(`${locale} ${entry.href}: forwards to ${path}, which has no menu entry`);
            } else if (h1 !== entry.text) mismatches.push(`${locale} ${entry.href}: menu "${entry.text}", heading "${h1}"`);
          }
          expect(mismatches).toEqual([]);

          // The user menu at the top right: name, language, "Passwort ändern" and "Abmelden".
          const menu = await openUserMenu(page);
          expect(await menu.textContent()).toContain(identifier);
          expect(await menu.getByRole("button", { name: locale, exact: true }).count()).toBe(1);
          expect(await menu.getByRole("button", { name: { de: "Abmelden", en: "Log out", it: "Esci" }[locale] }).count()).toBe(1);
          await menu.getByRole("link", { name: CHANGE_PASSWORD[locale], exact: true }).click();
          await page.waitForLoadState();
          expect(((await page.locator("main h1").first().textContent()) ?? "").trim()).toBe(CHANGE_PASSWORD[locale]);
          expect(
            await page
              .getByLabel({ de: "Aktuelles Passwort", en: "Current password", it: "Password attuale" }[locale], { exact: true })
              .count(),
          ).toBe(1);
        }
      } finally {
        await context.close();
      }
    },
    300_000,
  );
});
