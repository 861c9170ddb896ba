/**
 * Issue 25: the audit table broke addresses anywhere (`break-all`: "vorname.nachn|ame@…"), and its
 * details read `quotaMb=500`. Measured in Chromium at 1280 and 390 px: a long address wraps only
 * after "@", a dot or a hyphen of its domain, never inside its local part; the page is not wider
 * than the screen; the details read as words.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { aCustomerWithPackage, TEST_PASSWORD } from "../support/factories";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { sharedDb } from "./support/world";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const LOCAL = "vorname.nachname-lang";

/** The lines an element's text falls on: each line's text, in order. */
const linesOf = (page: Page, selector: string, text: string) =>
  page
    .locator(selector)
    .filter({ hasText: text })
    .first()
    .evaluate((cell) => {
      const chars: { ch: string; top: number }[] = [];
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = node.textContent ?? "";
        for (let i = 0; i < value.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = [...range.getClientRects()][0];
          if (rect && rect.width > 0) chars.push({ ch: value[i], top: Math.round(rect.top) });
        }
      }
      const lines: string[] = [];
      chars.forEach((c, i) => {
        if (i === 0 || Math.abs(c.top - chars[i - 1].top) > 4) lines.push("");
        lines[lines.length - 1] += c.ch;
      });
      return lines;
    });

describe("audit table: addresses wrap at sensible places", () => {
  it.each([1280, 390])("%i px", async (width) => {
    const db = sharedDb();
    const sub = await aCustomerWithPackage(db);
    const address = `${LOCAL}@post.abteilung-vertrieb-und-kundendienst.sehr-lange-firmenbezeichnung-${String(width)}.example`;
    await writeAudit(db, sub.customer.actor, {
      action: "mailbox.create",
      targetKind: "mailbox",
      targetLabel: address,
      resellerId: sub.reseller.id,
      customerId: sub.customer.id,
      details: { subscriptionId: sub.subscriptionId, quotaMb: 500 },
    });
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "de-DE" });
    try {
      const page = await context.newPage();
      await logIn(page, sub.customer.email, TEST_PASSWORD, "KundenServiceCenter");
      await page.waitForURL(`${BASE_URL}/ksc`);
      await page.goto(`${BASE_URL}/ksc/audit`);
      const lines = await linesOf(page, "[data-testid=audit-target]", address);
      const joined = lines.join("");
      const start = joined.indexOf(address);
      expect(start, `address in ${JSON.stringify(lines)}`).toBeGreaterThanOrEqual(0);
      // Where each line ends inside the address: only after "@", "." or "-", never in the local part.
      let at = 0;
      const breaks: number[] = [];
      for (const line of lines.slice(0, -1)) {
        at += line.length;
        if (at > start && at < start + address.length) breaks.push(at - start);
      }
      for (const b of breaks) {
        expect(b, `break inside the local part: ${JSON.stringify(lines)}`).toBeGreaterThan(LOCAL.length);
        expect("@.-", `break after "${address[b - 1]}": ${JSON.stringify(lines)}`).toContain(address[b - 1]);
      }
      if (width === 390) expect(breaks.length).toBeGreaterThan(0);
      // Each line of the address is readable: a few characters at least, not a column of letters.
      for (const line of lines.filter((l) => l.trim())) expect(line.trim().length).toBeGreaterThan(3);

      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      const entry = page.getByTestId("audit-entry").filter({ hasText: address });
      const text = await entry.innerText();
      expect(text).toContain("Speicherplatz (MB): 500");
      expect(text).toContain("Vertrags-Nr.:");
      expect(text).not.toMatch(/\w+=\S/);
    } finally {
      await context.close();
    }
  });
});
