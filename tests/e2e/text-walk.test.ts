/**
 * Issue 25's walk, scripted: every role through its menu pages in German, English and Italian, the
 * three Plesk layouts' mailbox settings with a refused form, and the login page. Every visible text
 * (with placeholders, titles and labels for screen readers) is checked for raw catalogue keys,
 * "undefined", "[object …]" and English sentences left on German or Italian pages.
 */
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { firstRow } from "@/db/rows";
import { domains, mailboxes } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import { createTestMailbox, INITIAL_PASSWORD, removeTestMailbox } from "./panel-support";
import { type AreaLabel, BASE_URL, launchChromium, logIn } from "./support/browser";
import { textProblems } from "./support/text-check";

const LOCALES: Locale[] = ["de", "en", "it"];

let browser: Browser;
const made: string[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const address of made) await removeTestMailbox(address);
});

/** What a visitor reads on the page: the text and the attributes screen readers and hints show. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll("[placeholder],[title],[aria-label],option")].map(
      (el) =>
        ["placeholder", "title", "aria-label"].map((a) => el.getAttribute(a) ?? "").join("\n") +
        "\n" +
        (el.tagName === "OPTION" ? (el.textContent ?? "") : ""),
    );
    return [document.title, document.body.innerText, ...attrs].join("\n");
  });
}

/** Collects the problems of the page now shown, named by locale and path. */
async function check(page: Page, locale: Locale, found: string[], label = "") {
  const where = `${locale} ${new URL(page.url()).pathname}${label ? ` (${label})` : ""}`;
  for (const problem of textProblems(await visibleText(page), locale)) found.push(`${where}: ${problem}`);
}

/** Visits every link of the side navigation and checks each page. */
async function walkMenu(page: Page, locale: Locale, found: string[]) {
  const hrefs = await page
    .getByRole("navigation")
    .last()
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of [...new Set(hrefs)]) {
    await page.goto(`${BASE_URL}${href}`);
    await check(page, locale, found);
  }
}

/** Logs in (German login page), then walks the menu in each language. */
async function walkRole(
  identifier: string,
  password: string,
  area: AreaLabel,
  extra?: (page: Page, locale: Locale, found: string[]) => Promise<void>,
) {
  const context: BrowserContext = await browser.newContext({ locale: "de-DE" });
  const found: string[] = [];
  try {
    const page = await context.newPage();
    await logIn(page, identifier, password, area);
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    for (const locale of LOCALES) {
      await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: BASE_URL }]);
      await page.reload();
      await check(page, locale, found, "home");
      await walkMenu(page, locale, found);
      await extra?.(page, locale, found);
    }
  } finally {
    await context.close();
  }
  return found;
}

/** A refused mailbox settings form (quota above the limit, too short password) on each Plesk layout. */
async function refusedSettings(page: Page, locale: Locale, found: string[]) {
  for (const address of made) {
    const m = await firstRow(
      getDb()
        .select({ id: mailboxes.id, subscriptionId: domains.subscriptionId })
        .from(mailboxes)
        .innerJoin(domains, eq(domains.id, mailboxes.domainId))
        .where(eq(mailboxes.address, address)),
    );
    if (!m) continue;
    for (const path of ["", "/mail", `/mail/${String(m.id)}`, `/mail/${String(m.id)}/settings`]) {
      await page.goto(`${BASE_URL}/panel/${String(m.subscriptionId)}${path}`);
      await check(page, locale, found, address);
    }
    await page.locator('input[name="quotaMb"]').fill("999999");
    await page.locator('input[name="newPassword"]').fill("kurz");
    await page.locator('input[name="confirmPassword"]').fill("anders");
    await page.locator('form:has(input[name="quotaMb"]) button[type="submit"]').click();
    await page.locator('[aria-invalid="true"]').first().waitFor({ timeout: 20_000 });
    await check(page, locale, found, `${address}, refused`);
  }
}

/** Support: a mailbox search with hits and one without. */
async function supportSearch(page: Page, locale: Locale, found: string[]) {
  for (const q of ["alpenblick", "gibt-es-nicht-xyz"]) {
    await page.goto(`${BASE_URL}/support/mailboxes?q=${q}`);
    await check(page, locale, found, `search ${q}`);
  }
}

/** Mailbox self-service: a refused forwarding target stays beside its error. */
async function refusedForward(page: Page, locale: Locale, found: string[]) {
  await page.goto(`${BASE_URL}/mailbox/forwards`);
  const form = page.locator('form:has([name="target"])').first();
  await form.locator('[name="target"]').fill("kein-gueltiges@@ziel");
  await form.locator('button[type="submit"]').first().click();
  await page.locator('[aria-invalid="true"]').first().waitFor({ timeout: 20_000 });
  await check(page, locale, found, "refused forward");
}

describe("visible texts in de, en and it", () => {
  it("login page", async () => {
    const context = await browser.newContext();
    const found: string[] = [];
    try {
      const page = await context.newPage();
      for (const locale of LOCALES) {
        await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: BASE_URL }]);
        await page.goto(`${BASE_URL}/login`);
        await check(page, locale, found);
      }
    } finally {
      await context.close();
    }
    expect(found).toEqual([]);
  });

  it("customer: menu pages and the three Plesk layouts' settings with a refused form", async () => {
    for (const domain of ["alpenblick.example", "bergsee.example", "citywerk.example"])
      made.push(await createTestMailbox(domain, "e2e-walk"));
    expect(await walkRole("kunde@kontor.example", DEMO_PASSWORD, "KundenServiceCenter", refusedSettings)).toEqual([]);
  }, 600_000);

  it("support: menu pages and the mailbox search", async () => {
    expect(await walkRole("support@kontor.example", DEMO_PASSWORD, "KundenServiceCenter", supportSearch)).toEqual([]);
  }, 600_000);

  it.each<[string, AreaLabel]>([
    ["admin@kontor.example", "KundenServiceCenter"],
    ["reseller@kontor.example", "KundenServiceCenter"],
    ["k10001.001", "E-Mail-Administration"],
  ])(
    "%s: menu pages",
    async (identifier, area) => {
      expect(await walkRole(identifier, DEMO_PASSWORD, area)).toEqual([]);
    },
    600_000,
  );

  it("mailbox user: self-service pages", async () => {
    const address = await createTestMailbox("alpenblick.example", "e2e-walk-self");
    made.push(address);
    expect(await walkRole(address, INITIAL_PASSWORD, "einzelne Mailbox", refusedForward)).toEqual([]);
  }, 600_000);
});
