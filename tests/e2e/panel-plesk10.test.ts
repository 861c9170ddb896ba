import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { imapLogin } from "../support/mail-clients";
import { aPanelMailbox, INITIAL_PASSWORD, openPackage, type PanelMailbox, submitNewPassword } from "./panel-support";
import { launchChromium } from "./support/browser";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let world: PanelMailbox;
let address = "";
let uiAddress = "";

beforeAll(async () => {
  world = await aPanelMailbox("plesk10");
  address = world.address;
  uiAddress = `neu@${world.domain}`;
  browser = await launchChromium();
});
// Each test logs in in a context of its own and opens the package itself: neither starts where the other ended.
beforeEach(async () => {
  context = await browser.newContext({ locale: "de-DE" });
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
});
afterAll(async () => {
  await browser?.close();
});

describe("Plesk 10 panel (a customer of its own)", () => {
  it("walks the E-Mail tab → address → Einstellungen → OK, and IMAP takes the new password", async () => {
    await openPackage(page, world.customer, world.domain);
    const tabs = page.getByRole("navigation", { name: "Control Panel" });
    for (const tab of ["Start", "Benutzer", "Websites & Domains", "E-Mail", "Konto"]) {
      expect(await tabs.getByRole("link", { name: tab, exact: true }).count()).toBe(1);
    }
    await tabs.getByRole("link", { name: "E-Mail", exact: true }).click();
    await page.getByRole("heading", { name: "E-Mail-Adressen verwalten" }).waitFor();
    await page.getByRole("link", { name: address }).click();
    await page.getByRole("link", { name: "Eine Ebene höher" }).waitFor();
    await page.getByRole("link", { name: "Einstellungen" }).click();
    await page.waitForURL(/\/settings$/);
    // Like Plesk 8/9: the tool's name in the heading and as the last breadcrumb.
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`${address} – Einstellungen`);
    expect((await page.getByRole("navigation", { name: "Pfad" }).innerText()).trim().endsWith("Einstellungen")).toBe(true);
    const next = "Stadtpark-Laterne-Brunnen-15";
    await submitNewPassword(page, next);
    expect(await imapLogin(address, next)).toBe(true);
    expect(await imapLogin(address, INITIAL_PASSWORD)).toBe(false);
  });

  it('adds an address with "Neue E-Mail-Adresse hinzufügen" and removes it again after the confirmation', async () => {
    await openPackage(page, world.customer, world.domain);
    await page.goto(page.url().replace(/\/panel\/(\d+).*$/, "/panel/$1/mail"));
    await page.getByRole("link", { name: "Neue E-Mail-Adresse hinzufügen" }).click();
    await page.getByLabel("E-Mail-Name").fill(uiAddress.split("@")[0]);
    await page.getByLabel("Domain").selectOption({ label: world.domain });
    await page.getByLabel("Neues Passwort").fill("Ahornblatt-Wetterhahn-Gasse-6");
    await page.getByLabel("Passwort bestätigen").fill("Ahornblatt-Wetterhahn-Gasse-6");
    await page.getByRole("button", { name: "OK" }).click();
    await expect.poll(() => page.getByText("Die E-Mail-Adresse wurde angelegt.").count(), { timeout: 20_000 }).toBe(1);
    expect(await imapLogin(uiAddress, "Ahornblatt-Wetterhahn-Gasse-6")).toBe(true);

    await page.getByRole("checkbox", { name: `${uiAddress} auswählen` }).check();
    await page.getByRole("button", { name: "Auswahl entfernen" }).click();
    await page.getByRole("heading", { name: "E-Mail-Adressen entfernen" }).waitFor();
    await page.getByRole("button", { name: "Entfernen", exact: true }).click();
    await expect.poll(() => page.getByText("Bitte bestätigen Sie das Entfernen.").count()).toBe(1);
    await page.getByRole("checkbox", { name: /endgültig entfernen/ }).check();
    await page.getByRole("button", { name: "Entfernen", exact: true }).click();
    await expect.poll(() => page.getByText("Die ausgewählten E-Mail-Adressen wurden entfernt.").count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByRole("link", { name: uiAddress }).count()).toBe(0);
  });
});
