import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { aReseller, TEST_PASSWORD } from "../support/factories";
import { BASE_URL, launchChromium, logOut } from "./support/browser";
import { openTestDb } from "./support/mfa-db";
import { sharedDb } from "./support/world";

/**
 * WebAuthn needs a domain as relying-party ID (an IP address is refused by the browser), so this
 * test points the configured public URL at localhost for its duration and puts it back afterwards.
 * It also switches the staff policy on and off again around itself.
 */
const ORIGIN = BASE_URL.replace("127.0.0.1", "localhost");
let browser: Browser;
let db: ReturnType<typeof openTestDb>;
let restoreUrl: (() => Promise<void>) | undefined;
// Per test a reseller of its own (the key it registers stays with it) and a browser context with a
// virtual authenticator of its own, so no test needs a key an earlier one registered.
let EMAIL = "";
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;
let authenticatorId = "";

beforeAll(async () => {
  db = openTestDb();
  restoreUrl = await db.usePublicUrl(ORIGIN);
  await db.setEnforceStaff(true);
  browser = await launchChromium();
});
afterAll(async () => {
  await db?.setEnforceStaff(false);
  await restoreUrl?.();
  await db?.close();
  await browser?.close();
});
beforeEach(async () => {
  EMAIL = (await aReseller(sharedDb())).email;
  context = await browser.newContext({ locale: "de-DE" });
  page = await context.newPage();
  cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const added = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "usb", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  authenticatorId = added.authenticatorId;
});
afterEach(async () => {
  await context?.close();
});

async function passwordStep() {
  await page.goto(`${ORIGIN}/login`);
  await page.getByRole("textbox", { name: "E-Mail-Adresse" }).fill(EMAIL);
  await page.getByLabel("Passwort", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Anmelden" }).click();
}

/** The password step of the reseller without a second factor, then a security key added on the enrolment page. */
async function enrolSecurityKey(label: string) {
  await passwordStep();
  await page.waitForURL(`${ORIGIN}/login/zwei-faktor`);
  await page.getByLabel("Bezeichnung (optional)").last().fill(label);
  await page.getByRole("button", { name: "Sicherheitsschlüssel hinzufügen" }).click();
  await page.getByText("Ihre Wiederherstellungscodes").waitFor();
}

describe("security keys and staff enrolment in Chromium", () => {
  it("sends a reseller without a second factor to the enrolment page from every page of the area", async () => {
    await passwordStep();
    await page.waitForURL(`${ORIGIN}/login/zwei-faktor`);
    await page.goto(`${ORIGIN}/reseller/audit`);
    await page.waitForURL(`${ORIGIN}/login/zwei-faktor`);
    await page.getByRole("heading", { name: "Zweiten Faktor einrichten" }).waitFor();
    await page.screenshot({ path: "/tmp/mfa-enrolment.png", fullPage: true });
  });

  it("registers a security key with the virtual authenticator and then opens the area", async () => {
    await enrolSecurityKey("YubiKey Büro");
    expect(await page.getByTestId("recovery-codes").locator("li").count()).toBe(10);
    const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0].rpId).toBe("localhost");
    await page.getByRole("link", { name: "Weiter zum Bereich" }).click();
    await page.waitForURL(`${ORIGIN}/reseller`);
    await page.goto(`${ORIGIN}/reseller/security`);
    await expect.poll(() => page.locator("main").textContent()).toContain("YubiKey Büro");
  });

  it("logs in with the security key as second step", async () => {
    await enrolSecurityKey("YubiKey Empfang");
    await page.getByRole("link", { name: "Weiter zum Bereich" }).click();
    await page.waitForURL(`${ORIGIN}/reseller`);
    await logOut(page);
    await page.waitForURL(`${ORIGIN}/login`);
    await passwordStep();
    await page.getByRole("button", { name: "Sicherheitsschlüssel verwenden" }).click();
    await page.waitForURL(`${ORIGIN}/reseller`);
    await expect.poll(() => page.locator("main").textContent()).toContain(EMAIL);
  });
});
