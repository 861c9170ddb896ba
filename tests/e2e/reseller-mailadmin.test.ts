/**
 * The reseller's walk in Chromium: a package without panel, a customer with that package (reading
 * the one-time `.001` password), the E-Mail-Administration with that password, the forced change,
 * and a `.002` account. A reseller of its own, with a "Business" package whose customer has two
 * domains for the limit test; the walk's records get unique names.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCustomerWithPackage, aDomain, aMailAccount, aReseller, TEST_PASSWORD } from "../support/factories";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { sharedDb } from "./support/world";

const stamp = Date.now().toString(36);
const PACKAGE = `E2E Mail ${stamp}`;
const DOMAIN = `e2e-${stamp}.example`;
const OWN_PASSWORD = "Eigenes-Passwort-Wiesenweg-28!";
const SECOND_PASSWORD = "Zweites-Konto-Birkenallee-51?";

let browser: Browser;
let RESELLER = "";
/** How the limit error names the subscription: customer number · first domain by name. */
let businessWhere = "";
beforeAll(async () => {
  const db = sharedDb();
  const reseller = await aReseller(db);
  RESELLER = reseller.email;
  const business = await aCustomerWithPackage(db, { reseller, package: { name: "Business", panel: "plesk10", maxDomains: null } });
  const second = await aDomain(db, business);
  businessWhere = `${business.customer.customerNumber} · ${[business.domain.name, second.name].sort()[0]}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  return page;
}

const mainText = (page: Page) => page.locator("main").innerText();
/** Waits for a text in the page's main area (not for [role=alert], which Next's announcer matches at once). */
const waitForText = (page: Page, text: string) =>
  page.locator("main").getByText(text, { exact: false }).first().waitFor({ timeout: 60_000 });

describe("reseller administration and E-Mail-Administration", () => {
  it("creates a package, a customer and orders the package, showing the .001 password once", async () => {
    const page = await newPage();
    await logIn(page, RESELLER, TEST_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/reseller`);

    await page.goto(`${BASE_URL}/reseller/packages/new`);
    await page.getByLabel("Name des Tarifs").fill(PACKAGE);
    await page.getByLabel("Oberfläche (Plesk-Version)").selectOption({ label: "ohne Oberfläche (E-Mail-Administration)" });
    await page.getByLabel("Postfächer").fill("3");
    await page.getByLabel("Speicher je Postfach (MB)").fill("500");
    await page.getByRole("button", { name: "Tarif speichern" }).click();
    await page.waitForURL(`${BASE_URL}/reseller/packages`);
    await waitForText(page, PACKAGE);

    await page.goto(`${BASE_URL}/reseller/customers/new`);
    await page.getByLabel("Firma").fill(`E2E Firma ${stamp}`);
    await page.getByLabel("Ansprechpartner").fill("Erika Ende");
    await page.getByLabel("E-Mail-Adresse").fill(`e2e-${stamp}@example.test`);
    await page.getByRole("button", { name: "Kunden anlegen" }).click();
    const toCustomer = page.getByRole("link", { name: /Weiter zum Kunden K\d+/ });
    await toCustomer.waitFor();
    const number = /K\d+/.exec(await toCustomer.innerText())?.[0] ?? "";
    await toCustomer.click();
    await page.waitForURL(/\/reseller\/customers\/\d+$/);
    const customerUrl = page.url();

    await page.getByLabel("Tarif", { exact: true }).selectOption({ label: `${PACKAGE} (ohne Oberfläche (E-Mail-Administration))` });
    await page.getByLabel("Erste Domain").fill(DOMAIN);
    await page.getByRole("button", { name: "Bestellen" }).click();
    const secret = page.getByTestId("one-time-password");
    await secret.waitFor();
    const initialPassword = (await secret.innerText()).trim();
    const login = `${number.toLowerCase()}.001`;
    expect(await page.getByTestId("one-time-secret").innerText()).toContain(login);
    expect(initialPassword.length).toBeGreaterThanOrEqual(15);
    expect(await mainText(page)).toContain(DOMAIN);

    // Never again: a reload shows the subscription but not the password.
    await page.goto(customerUrl);
    await waitForText(page, DOMAIN);
    expect(await page.content()).not.toContain(initialPassword);
    await page.context().close();

    // The password shown opens the E-Mail-Administration, which asks for an own password first.
    const mailAdmin = await newPage();
    await logIn(mailAdmin, login, initialPassword, "E-Mail-Administration");
    await mailAdmin.waitForURL(`${BASE_URL}/mailadmin`);
    await waitForText(mailAdmin, "Bitte vergeben Sie ein eigenes Passwort");
    await mailAdmin.context().close();
  });

  it("refuses lowering a package limit below the usage, naming what exceeds", async () => {
    const page = await newPage();
    await logIn(page, RESELLER, TEST_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/reseller`);
    await page.goto(`${BASE_URL}/reseller/packages`);
    await page.getByRole("link", { name: "Business" }).click();
    await page.getByLabel("Domains", { exact: true }).fill("1");
    await page.getByRole("button", { name: "Tarif speichern" }).click();
    await waitForText(page, `Domains: 2 belegt, Grenze 1 (${businessWhere})`);
    // The entry stays in the field for correction.
    expect(await page.getByLabel("Domains", { exact: true }).inputValue()).toBe("1");
    await page.context().close();
  });

  it("logs into the E-Mail-Administration, changes the password as forced and creates .002", async () => {
    // A `.001` of its own on its start password, as the order of the first test leaves it.
    const { admin } = await aMailAccount(sharedDb(), { mustChangePassword: true });
    const login = admin.login;
    const page = await newPage();
    await logIn(page, login, TEST_PASSWORD, "E-Mail-Administration");
    await page.waitForURL(`${BASE_URL}/mailadmin`);
    await waitForText(page, "Bitte vergeben Sie ein eigenes Passwort");
    // Any other page of the area shows the same form.
    await page.goto(`${BASE_URL}/mailadmin/konten/1`);
    await waitForText(page, "Bitte vergeben Sie ein eigenes Passwort");

    await page.getByLabel("Neues Passwort").fill(OWN_PASSWORD);
    await page.getByLabel("Passwort bestätigen").fill(OWN_PASSWORD);
    await page.getByRole("button", { name: "Passwort speichern" }).click();
    await waitForText(page, "Ihr neues Passwort ist gespeichert");

    const second = login.replace(/\.001$/, ".002");
    expect(await mainText(page)).toContain(`Das neue Konto erhält den Namen ${second}.`);
    await page.getByLabel("Neues Passwort").fill(SECOND_PASSWORD);
    await page.getByLabel("Passwort bestätigen").fill(SECOND_PASSWORD);
    await page.getByRole("button", { name: "Mail-Konto anlegen" }).click();
    await waitForText(page, `Das Mail-Konto ${second} wurde angelegt.`);
    await page.getByRole("link", { name: second }).waitFor();
    await page.context().close();
  });
});
