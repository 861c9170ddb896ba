/**
 * Issue 25: Roundcube at a phone's width (390 px), in the parts Kontor configures: the password page
 * (Kontor's policy hint, its refusal, the box after a change) and the links back to Kontor. Nothing
 * may need sideways scrolling, and the links are finger-sized (they were bulleted one-line links about
 * 20 px high; roundcube/plugins/kontor/kontor.css).
 */
import type { Browser, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, launchChromium } from "./support/browser";
import {
  contentScope,
  createTestMailbox,
  GERMAN,
  openPasswordForm,
  openSettingsSection,
  removeTestMailbox,
  submitPasswordForm,
  webmailIdle,
  webmailLogIn,
  webmailMessage,
  WEBMAIL_URL,
} from "./support/webmail";

const OLD = "Heidekraut-Nebelhorn-62!";
const NEW = "Flussufer-Morgenrot-35?";
const PHONE = { width: 390, height: 844 };
const KONTOR = process.env.KONTOR_PUBLIC_URL ?? BASE_URL;

let browser: Browser;
let address = "";
beforeAll(async () => {
  browser = await launchChromium();
  address = await createTestMailbox(OLD);
});
afterAll(async () => {
  await browser?.close();
  if (address) await removeTestMailbox(address);
});

/** How far the document (page or frame) reaches past its window's right edge. */
const overflow = (scope: Locator) => scope.evaluate((body) => body.ownerDocument.documentElement.scrollWidth - window.innerWidth);

describe("Roundcube at a phone's width", () => {
  it("password page: fits, shows Kontor's hint and refusal, changes; the links to Kontor are finger-sized", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "de-DE", isMobile: true, hasTouch: true });
    try {
      const page = await context.newPage();
      await webmailLogIn(page, GERMAN, address, OLD);
      await page.waitForURL(/_task=mail/);
      await webmailIdle(page);
      expect(await overflow(page.locator("body"))).toBeLessThanOrEqual(0);

      // On a phone the task menu sits behind the menu button; its "Einstellungen" is this address.
      await page.goto(`${WEBMAIL_URL}?_task=settings`);
      const form = await openPasswordForm(page, GERMAN);
      expect(await overflow(form.locator("body"))).toBeLessThanOrEqual(0);
      for (const label of [GERMAN.current, GERMAN.next, GERMAN.confirm]) {
        const box = await form.getByLabel(label, { exact: true }).boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
      }
      await form.getByText("Nicht erlaubt: weit verbreitete Passwörter", { exact: false }).waitFor();

      await submitPasswordForm(page, form, GERMAN, "Falsches-Passwort-Heute-1", NEW);
      await webmailMessage(page, "Das aktuelle Passwort ist nicht korrekt.");
      await submitPasswordForm(page, form, GERMAN, OLD, NEW);
      await webmailMessage(page, "Erfolgreich gespeichert.");
      const changed = form.locator("#kontor-password-changed");
      await changed.waitFor();
      expect(await overflow(form.locator("body"))).toBeLessThanOrEqual(0);
      const setup = changed.getByRole("link", { name: "Automatische Einrichtung des E-Mail-Programms" });
      expect(await setup.getAttribute("href")).toBe(`${KONTOR}/mailbox/setup`);
      expect((await setup.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(24);

      await page.goto(`${WEBMAIL_URL}?_task=settings`);
      await openSettingsSection(page, GERMAN, "Weiterleitung, Spamfilter & Abwesenheit");
      const links = await contentScope(page, (scope) => scope.locator("#kontor-links a"));
      expect(await overflow(links.locator("body"))).toBeLessThanOrEqual(0);
      const rows = links.locator("#kontor-links a");
      expect(await rows.count()).toBe(6);
      for (const row of await rows.all()) {
        const box = await row.boundingBox();
        expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
        expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= PHONE.width).toBe(true);
        expect(await row.getAttribute("href")).toMatch(new RegExp(`^${KONTOR.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/mailbox`));
      }
    } finally {
      await context.close();
    }
  });
});
