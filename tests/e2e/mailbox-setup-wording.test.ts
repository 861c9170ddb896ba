/**
 * Issue 25, point 12: the set-up page reached from "Serveradressen" (no password was changed) does
 * not speak of a new password, and the Outlook autodiscover address it shows is the configured public
 * HTTPS name, never the plain-http panel URL. Read-only, for a mailbox of its own.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aPanelMailbox, INITIAL_PASSWORD } from "./panel-support";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { openTestDb } from "./support/mfa-db";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let address = "";
beforeAll(async () => {
  address = (await aPanelMailbox("plesk8")).address;
  browser = await launchChromium();
  context = await browser.newContext({ locale: "de-DE" });
  page = await context.newPage();
  await logIn(page, address, INITIAL_PASSWORD, "einzelne Mailbox");
  await page.waitForURL(`${BASE_URL}/mailbox`);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe("mail-client set-up page reached from Serveradressen", () => {
  it("is worded for setting up a program, and shows no autodiscover address while the panel URL is plain http", async () => {
    await page.getByRole("navigation", { name: "Meine Mailbox" }).getByRole("link", { name: "Serveradressen" }).click();
    await page.getByRole("link", { name: "Zur Einrichtung der E-Mail-Programme" }).click();
    await page.waitForURL(`${BASE_URL}/mailbox/setup`);
    const text = await page.locator("main").innerText();
    expect(text).not.toContain("Wo das neue Passwort eingetragen werden muss");
    expect(text).not.toContain("neue Passwort");
    expect(text).toContain("So melden sich E-Mail-Programme an");
    expect(text).toContain(address);
    if (BASE_URL.startsWith("http://")) {
      expect(text).not.toContain(`${BASE_URL}/autodiscover`);
      expect(text).toContain("nur über eine HTTPS-Adresse");
    }
  });

  it("shows the configured public HTTPS name as the Outlook autodiscover address", async () => {
    const db = openTestDb();
    const restore = await db.usePublicUrl("https://ksc.hoster.example");
    try {
      await page.goto(`${BASE_URL}/mailbox/setup`);
      expect(await page.locator("main").innerText()).toContain("https://ksc.hoster.example/autodiscover/autodiscover.xml");
    } finally {
      await restore();
      await db.close();
    }
  });

  it("right after a password change it is worded for the new password", async () => {
    await page.goto(`${BASE_URL}/mailbox/setup?changed=1`);
    expect(await page.locator("main").innerText()).toContain("Wo das neue Passwort eingetragen werden muss");
  });
});
