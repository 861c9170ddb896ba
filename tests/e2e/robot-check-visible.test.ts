/**
 * The robot check's tick box must be seen to be ticked (issue 25's walk: screenshots showed only the
 * words "Ich bin kein Roboter"). ALTCHA draws its box with light-dark() colours; they only resolve
 * when the page declares its colour scheme (app/globals.css).
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, launchChromium } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** What the eye gets of an element: its border and background as the browser computed them (runs in the page). */
const looks = (el: Element) => {
  const s = getComputedStyle(el);
  return {
    border: `${s.borderTopWidth} ${s.borderTopStyle}`,
    borderColor: s.borderTopColor,
    background: s.backgroundColor,
    width: el.getBoundingClientRect().width,
  };
};

describe("robot check", () => {
  it("Passwort vergessen: the tick box has a visible frame and the widget its border", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${BASE_URL}/passwort-vergessen`);
      const box = page.locator("altcha-widget input[type=checkbox]");
      await box.waitFor({ timeout: 20_000 });
      const tick = await box.evaluate(looks);
      expect(tick.width).toBeGreaterThanOrEqual(16);
      expect(tick.border).toMatch(/^[1-9]\d*(\.\d+)?px solid$/);
      expect(tick.borderColor).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
      expect(tick.background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
      const frame = await page.locator("altcha-widget .altcha-main").evaluate(looks);
      expect(frame.border).toMatch(/^[1-9]\d*(\.\d+)?px solid$/);
      // Ticking it works: a click in the middle of the box (where ALTCHA's tick drawing lies over the
      // input, as a user clicks) runs the proof of work and shows the tick.
      const where = await box.boundingBox();
      if (!where) throw new Error("tick box not laid out");
      await page.mouse.click(where.x + where.width / 2, where.y + where.height / 2);
      await expect.poll(() => page.locator("altcha-widget .altcha").getAttribute("data-state"), { timeout: 30_000 }).toBe("verified");
    } finally {
      await context.close();
    }
  });
});
