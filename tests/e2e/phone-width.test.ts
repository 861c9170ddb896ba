/**
 * The walk by eye at a phone's width (390 px): every role's menu pages and the three Plesk layouts
 * fit the screen, so nothing has to be scrolled sideways. Before, the side menu stayed beside the
 * page and squeezed it to a column a few words wide, and wide tables widened the whole page.
 * Table cells keep a gap between them.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { aCustomerWithPackage, aDomainWithMailboxes, aMailAccount, anAdmin, aSupport, TEST_PASSWORD } from "../support/factories";
import { type AreaLabel, BASE_URL, launchChromium, logIn } from "./support/browser";
import { sharedDb } from "./support/world";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** How far the page reaches past the screen's right edge, and what sticks out. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const over = document.documentElement.scrollWidth - window.innerWidth;
    const out = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => `${el.tagName}: ${((el as HTMLElement).innerText ?? "").trim().slice(0, 40)}`);
    // Neighbouring table cells keep a gap, or their texts run together ("unbegrenzt200").
    const touching = [...document.querySelectorAll("tr")].flatMap((row) => {
      const cells = [...row.children] as HTMLElement[];
      return cells.slice(1).flatMap((cell, i) => {
        const gap = parseFloat(getComputedStyle(cells[i]).paddingRight) + parseFloat(getComputedStyle(cell).paddingLeft);
        return gap < 8 && cells[i].innerText.trim() && cell.innerText.trim()
          ? [`${cells[i].innerText.trim()}|${cell.innerText.trim()}`]
          : [];
      });
    });
    return { over, out: out.slice(0, 5), touching: touching.slice(0, 3) };
  });

async function walk(identifier: string, area: AreaLabel, locale: "de" | "it", extra: string[] = []) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "de-DE" });
  const problems: string[] = [];
  try {
    const page = await context.newPage();
    await logIn(page, identifier, TEST_PASSWORD, area);
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: BASE_URL }]);
    await page.reload();
    const hrefs = await page
      .getByRole("navigation")
      .last()
      .getByRole("link")
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of [...new Set([...hrefs, ...extra])]) {
      await page.goto(`${BASE_URL}${href}`);
      const { over, out, touching } = await overflow(page);
      if (over > 0) problems.push(`${locale} ${href}: ${String(over)} px too wide (${out.join(" | ")})`);
      if (touching.length) problems.push(`${locale} ${href}: table cells touch: ${touching.join(", ")}`);
    }
  } finally {
    await context.close();
  }
  return problems;
}

describe("every role's pages fit a phone's screen (390 px)", () => {
  it.each(["de", "it"] as const)(
    "%s: customer, E-Mail-Administration, mailbox user, reseller, support and admin",
    async (locale) => {
      const db = sharedDb();
      const panel = await aDomainWithMailboxes(db, 1, { package: { panel: "plesk10" } });
      const { reseller, customer } = panel;
      // The three Plesk layouts of the customer's packages: start page and address list.
      const subs = [panel.subscriptionId];
      for (const layout of ["plesk8", "plesk9"] as const)
        subs.push(
          (await aDomainWithMailboxes(db, 1, { sub: await aCustomerWithPackage(db, { reseller, customer, package: { panel: layout } }) }))
            .subscriptionId,
        );
      const panelPages = subs.flatMap((id) => [`/panel/${String(id)}`, `/panel/${String(id)}/mail`]);
      const mail = await aMailAccount(db, { extraAccounts: 1 });
      const logins: [string, AreaLabel, string[]?][] = [
        [panel.customer.email, "KundenServiceCenter", panelPages],
        [mail.admin.login, "E-Mail-Administration"],
        [panel.mailboxes[0].address, "einzelne Mailbox"],
        [panel.reseller.email, "KundenServiceCenter"],
        [(await aSupport(db)).label, "KundenServiceCenter"],
        [(await anAdmin(db)).label, "KundenServiceCenter"],
      ];
      const problems: string[] = [];
      for (const [identifier, area, extra] of logins) problems.push(...(await walk(identifier, area, locale, extra)));
      expect(problems).toEqual([]);
    },
    600_000,
  );
});
