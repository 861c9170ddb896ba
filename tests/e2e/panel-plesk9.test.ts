import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imapLogin } from "../support/mail-clients";
import { aPanelMailbox, INITIAL_PASSWORD, openPackage, type PanelMailbox, submitNewPassword } from "./panel-support";
import { launchChromium } from "./support/browser";

let browser: Browser;
let page: Page;
let world: PanelMailbox;
let address = "";

beforeAll(async () => {
  world = await aPanelMailbox("plesk9");
  address = world.address;
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: "de-DE" })).newPage();
});
afterAll(async () => {
  await browser?.close();
});

describe("Plesk 9 panel (a customer of its own)", () => {
  it("walks Startseite → E-Mail → address → Einstellungen → OK, and IMAP takes the new password", async () => {
    await openPackage(page, world.customer, world.domain);
    const nav = page.getByRole("navigation", { name: "Control Panel" });
    // Plesk 9: "Startseite" and the shortcut pane with Domains.
    expect(await nav.getByText("Verknüpfungen").count()).toBe(1);
    expect(await nav.getByRole("link", { name: "Domains" }).count()).toBe(1);
    await nav.getByRole("link", { name: "Startseite" }).click();
    await page.getByRole("region", { name: "Dienste" }).getByRole("link", { name: "E-Mail" }).click();
    await page.getByRole("heading", { name: "E-Mail-Adressen verwalten" }).waitFor();
    await page.getByRole("link", { name: address }).click();
    await page.getByRole("link", { name: "Eine Ebene höher" }).waitFor();
    await page.getByRole("region", { name: "Werkzeuge" }).getByRole("link", { name: "Einstellungen" }).click();
    await page.waitForURL(/\/settings$/);
    const next = "Wacholder-Bergpfad-Quelle-4";
    await submitNewPassword(page, next);
    expect(await imapLogin(address, next)).toBe(true);
    expect(await imapLogin(address, INITIAL_PASSWORD)).toBe(false);
  });
});
