import { generate } from "otplib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCustomer, anAdmin, aTotpFactor, TEST_PASSWORD } from "../support/factories";
import { BASE_URL, launchChromium, logIn, logOut as logOutFromMenu } from "./support/browser";
import { openTestDb } from "./support/mfa-db";
import { sharedDb } from "./support/world";

// An administration of this file's own, and per test a customer of its own: the factor it enrols
// stays with it, and a test that needs a factor gets one from aTotpFactor, not from the enrolment test.
let ADMIN = "";
let browser: Browser;
let db: ReturnType<typeof openTestDb>;

beforeAll(async () => {
  // A staff actor's label is its login, the e-mail address.
  ADMIN = (await anAdmin(sharedDb())).label;
  db = openTestDb();
  await db.setEnforceStaff(false);
  browser = await launchChromium();
});
afterAll(async () => {
  await db?.close();
  await browser?.close();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "de-DE" });
  return context.newPage();
}

async function logOut(page: Page) {
  await logOutFromMenu(page);
  await page.waitForURL(`${BASE_URL}/login`);
}

/** A code for the next time step: valid within the ±30 s window and newer than any step used so far. */
/** A six-digit code that is certainly not the current one (each digit shifted by one). */
const wrongCode = (code: string) => code.replace(/\d/g, (d) => String((Number(d) + 1) % 10));
const nextStepCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

/** A customer of its own with a confirmed authenticator app. */
async function aCustomerWithTotp() {
  const customer = await aCustomer(sharedDb());
  await aTotpFactor(sharedDb(), customer);
  return customer;
}

describe("TOTP in Chromium", () => {
  it("enrols an authenticator app, asks for it at login and refuses a replayed code", async () => {
    const email = (await aCustomer(sharedDb())).email;
    const page = await newPage();
    await logIn(page, email, TEST_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/ksc`);
    await page.goto(`${BASE_URL}/ksc/security`);
    await page.getByRole("button", { name: "Authenticator-App einrichten" }).click();
    const secretBox = page.getByTestId("totp-secret");
    await secretBox.waitFor();
    const secret = (await secretBox.textContent())!.replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.screenshot({ path: "/tmp/mfa-totp-setup.png", fullPage: true });
    expect(await page.getByRole("img", { name: "QR-Code für die Authenticator-App" }).getAttribute("src")).toMatch(
      /^data:image\/png;base64,/,
    );
    // A wrong code is refused beside the field, which then starts empty; the chosen name stays.
    await page.locator("#totp-label").fill("Telefon");
    await page.getByLabel("Code aus der App").fill(wrongCode(await generate({ secret })));
    await page.getByRole("button", { name: "Code bestätigen" }).click();
    await page.locator("#totp-code-error").waitFor();
    expect(await page.getByLabel("Code aus der App").inputValue()).toBe("");
    expect(await page.locator("#totp-label").inputValue()).toBe("Telefon");
    await page.locator("#totp-label").fill("");
    await page.getByLabel("Code aus der App").fill(await generate({ secret }));
    await page.getByRole("button", { name: "Code bestätigen" }).click();
    await page.getByText("Ihre Wiederherstellungscodes").waitFor();
    const codes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    await expect.poll(() => page.getByText("Die Authenticator-App ist jetzt aktiv.").count()).toBe(1);
    await logOut(page);

    // Password alone opens nothing: the second step appears and /ksc still sends back to /login.
    await logIn(page, email, TEST_PASSWORD, "KundenServiceCenter");
    await page.getByLabel("Bestätigungscode").waitFor();
    await page.screenshot({ path: "/tmp/mfa-login-second-step.png" });
    expect(page.url()).toBe(`${BASE_URL}/login`);
    const code = await nextStepCode(secret);
    await page.getByLabel("Bestätigungscode").fill(code);
    await page.getByRole("button", { name: "Bestätigen" }).click();
    await page.waitForURL(`${BASE_URL}/ksc`);
    await logOut(page);

    // The same code again, with the right password: refused.
    await logIn(page, email, TEST_PASSWORD, "KundenServiceCenter");
    await page.getByLabel("Bestätigungscode").fill(code);
    await page.getByRole("button", { name: "Bestätigen" }).click();
    await expect.poll(() => page.locator("#code-error").textContent()).toContain("bereits verwendet");
    // Said once, beside the field (issue 25: it also stood in a box above the form).
    expect(await page.getByText("bereits verwendet").count()).toBe(1);
    expect(page.url()).toBe(`${BASE_URL}/login`);

    // A recovery code passes once.
    await page.getByLabel("Bestätigungscode").fill(codes[0]);
    await page.getByRole("button", { name: "Bestätigen" }).click();
    await page.waitForURL(`${BASE_URL}/ksc`);
    await page.goto(`${BASE_URL}/ksc/security`);
    await expect.poll(() => page.locator("main").textContent()).toContain("Noch 9 unbenutzte Codes.");
    // The factor kept its default name, the kind's own: its line says it once (issue 25's walk).
    const factorLine = page.locator("main li").filter({ hasText: "eingerichtet am" });
    expect(await factorLine.count()).toBe(1);
    expect(((await factorLine.textContent()) ?? "").match(/Authenticator-App/g)).toHaveLength(1);
    await page.context().close();
  });

  it("does not open the customer area before the second step", async () => {
    const { email, userId } = await aCustomerWithTotp();
    const page = await newPage();
    expect(await db.factorCount(userId)).toBe(1);
    await logIn(page, email, TEST_PASSWORD, "KundenServiceCenter");
    await page.getByLabel("Bestätigungscode").waitFor();
    await page.goto(`${BASE_URL}/ksc`);
    await page.waitForURL(`${BASE_URL}/login`);
    await page.context().close();
  });

  it("lets the admin reset the customer's second factor; the customer then logs in with the password", async () => {
    const { email, customerNumber } = await aCustomerWithTotp();
    const admin = await newPage();
    await logIn(admin, ADMIN, TEST_PASSWORD, "KundenServiceCenter");
    await admin.waitForURL(`${BASE_URL}/admin`);
    await admin.getByRole("link", { name: "Zweiten Faktor zurücksetzen" }).click();
    await admin.waitForURL(`${BASE_URL}/admin/mfa`);
    await admin.getByLabel("Kundennummer oder E-Mail-Adresse").fill(customerNumber);
    await admin.getByRole("button", { name: "Suchen" }).click();
    await admin.getByRole("cell", { name: email }).waitFor();
    await admin.getByRole("button", { name: "Zurücksetzen" }).click();
    // The kit's confirm dialog ("Abbrechen" / "OK"), in the user's language.
    await admin.getByRole("alertdialog").getByRole("button", { name: "OK" }).click();
    await admin.getByText("1 Faktor entfernt.").waitFor();
    await admin.context().close();
    expect(await db.factorCount((await db.userId(email))!)).toBe(0);

    const customer = await newPage();
    await logIn(customer, email, TEST_PASSWORD, "KundenServiceCenter");
    await customer.waitForURL(`${BASE_URL}/ksc`);
    await customer.context().close();
  });
});
