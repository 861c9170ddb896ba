/**
 * "Passwort vergessen?" in Chromium, end to end: the robot check, the mail on the real SMTP sink, the
 * link with its own robot check, "Bestätigen", the new password (no Stammdaten), and the login
 * with it. A customer of its own, whose password it may change; the tests that follow a link get a
 * customer and a link of their own (aResetLink), so none needs the mail of another.
 */
import { sql } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpSettingsFromEnv } from "@/lib/mail/smtp";
import { type RunningSink, startSmtpSink } from "@/scripts/lib/smtp-sink";
import { listSinkMails, type SinkMail, sinkDir } from "@/lib/mail/sink-mailbox";
import { transaction } from "@/db/transaction";
import { completePasswordReset } from "@/lib/services/recovery/redeem-link";
import { generateToken, storeToken } from "@/lib/services/recovery/tokens";
import { aCustomer } from "../support/factories";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { sharedDb } from "./support/world";
import { runRows } from "../support/run-db";

let ACCOUNT = "";
const NEW_PASSWORD = "Sturmflut-an-der-Kueste-2026";
let browser: Browser;
let context: BrowserContext;
let sink: RunningSink | undefined;
const started = Date.now();

/** The customer's Stammdaten as stored, to check the recovery page does not show them. */
async function stammdatenOf(email: string): Promise<Record<string, string>> {
  const [row] = await runRows<Record<string, string>>(
    sql`SELECT c.customer_number, c.street, c.phone, c.postal_code FROM customers c JOIN users u ON u.customer_id = c.id WHERE u.email = ${email}`,
  );
  return row;
}

beforeAll(async () => {
  ACCOUNT = (await aCustomer(sharedDb())).email;
  browser = await launchChromium();
  // The runner may already run the sink on the panel's SMTP port; otherwise this test brings its own.
  try {
    sink = await startSmtpSink({ dir: sinkDir(), port: smtpSettingsFromEnv().port });
  } catch (e) {
    if ((e as { code?: string }).code !== "EADDRINUSE") throw e;
  }
  context = await browser.newContext({ locale: "de-DE" });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await sink?.close();
});

/** Waits (bounded) for a mail to `to` whose subject matches, received after `after`. */
async function waitForMail(to: string, subject: RegExp, after: number): Promise<SinkMail> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const mail = listSinkMails(sinkDir()).find((m) => m.to === to && subject.test(m.subject) && m.receivedAt.getTime() >= after);
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail matching ${String(subject)} arrived`);
}

/**
 * A customer of its own and an open reset link for it, stored as "Link anfordern" stores one (the
 * link's mail itself is the first test's subject). Its e-mail address is its login and its contact.
 */
async function aResetLink(): Promise<{ account: string; token: string; link: string }> {
  const db = sharedDb();
  const customer = await aCustomer(db);
  const { token, hash } = generateToken();
  await transaction(db, async (tx) => await storeToken(tx, { kind: "user", id: customer.userId }, hash, customer.email, new Date()));
  return { account: customer.email, token, link: `${BASE_URL}/reset#${token}` };
}

async function passRobotCheck(page: Page) {
  await page.getByText("Ich bin kein Roboter").click();
  await page.getByText("Bestätigt", { exact: true }).waitFor({ timeout: 30_000 });
}

describe("Passwort vergessen? in Chromium", () => {
  it("requests a link with the robot check; the mail uses the configured public URL despite poisoned headers", async () => {
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/login`);
    await page.getByRole("link", { name: "Passwort vergessen?" }).click();
    await page.waitForURL(`${BASE_URL}/passwort-vergessen`);
    await page.getByRole("radio", { name: "KundenServiceCenter" }).check();
    await page.getByLabel("E-Mail-Adresse, Kundennummer oder Kontoname").fill(ACCOUNT);
    await passRobotCheck(page);
    // Headers a naive link builder would trust; Kontor builds links from its settings only.
    await page.setExtraHTTPHeaders({
      Forwarded: "host=evil.example;proto=http",
      "X-Forwarded-Proto": "http",
      "X-Original-Host": "evil.example",
    });
    await page.getByRole("button", { name: "Link anfordern" }).click();
    await page.getByText("ist jetzt eine E-Mail mit einem Link unterwegs").waitFor({ timeout: 30_000 });
    const mail = await waitForMail(ACCOUNT, /Zurücksetzen/, started);
    const link = /(\S+\/reset#[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1] ?? "";
    expect(link.startsWith(`${process.env.KONTOR_PUBLIC_URL ?? BASE_URL}/reset#`)).toBe(true);
    expect(link).not.toContain("evil");
    await page.close();
  });

  it.each([["host"], ["x-forwarded-host"]])("sends no mail when the request's %s header is poisoned", async (header) => {
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/passwort-vergessen`);
    await page.getByLabel("E-Mail-Adresse, Kundennummer oder Kontoname").fill(ACCOUNT);
    await passRobotCheck(page);
    let status = 0;
    await page.route("**/passwort-vergessen", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      const response = await route.fetch({ headers: { ...route.request().headers(), [header]: "evil.example" } });
      status = response.status();
      await route.fulfill({ response });
    });
    const before = Date.now();
    await page.getByRole("button", { name: "Link anfordern" }).click();
    await expect.poll(() => status, { timeout: 20_000 }).toBeGreaterThanOrEqual(400);
    await new Promise((r) => setTimeout(r, 1500));
    expect(listSinkMails(sinkDir()).filter((m) => m.receivedAt.getTime() >= before - 50)).toHaveLength(0);
    await page.close();
  });

  it("follows the link: robot check, Bestätigen, new password (no Stammdaten shown), notice mail, login with it", async () => {
    const { account, link } = await aResetLink();
    const page = await context.newPage();
    await page.goto(link);
    await page.waitForURL(`${BASE_URL}/reset`); // the token left the address bar
    await passRobotCheck(page);
    await page.getByRole("button", { name: "Bestätigen" }).click();
    await page.getByRole("heading", { name: "Neues Passwort vergeben" }).waitFor({ timeout: 30_000 });
    // Whoever holds the link sees the account, never the Stammdaten (issue 25, point 11).
    const shown = await page.locator("body").innerText();
    expect(shown).toContain(account);
    const stammdaten = await stammdatenOf(account);
    for (const value of [stammdaten.customer_number, stammdaten.street, stammdaten.phone, stammdaten.postal_code])
      expect(shown).not.toContain(value);
    await page.getByLabel("Neues Passwort").fill(NEW_PASSWORD);
    await page.getByLabel("Passwort wiederholen").fill(NEW_PASSWORD);
    const before = Date.now();
    await page.getByRole("button", { name: "Speichern" }).click();
    await page.getByText("Ihr Passwort wurde geändert").waitFor({ timeout: 30_000 });
    await waitForMail(account, /Passwort wurde geändert/, before - 1000);
    await page.close();

    // In a context of its own: the session must not follow the other tests to the login page.
    const loginContext = await browser.newContext({ locale: "de-DE" });
    const login = await loginContext.newPage();
    await logIn(login, account, NEW_PASSWORD, "KundenServiceCenter");
    await login.waitForURL(`${BASE_URL}/ksc`, { timeout: 30_000 });
    await loginContext.close();
  });

  it("refuses a used link", async () => {
    const { token, link } = await aResetLink();
    await completePasswordReset({ token, newPassword: NEW_PASSWORD, ip: "192.0.2.45", locale: "de" }, sharedDb());
    const page = await context.newPage();
    await page.goto(link);
    await passRobotCheck(page);
    await page.getByRole("button", { name: "Bestätigen" }).click();
    await page.getByText("ungültig, abgelaufen oder wurde bereits verwendet").waitFor({ timeout: 30_000 });
    await page.close();
  });

  it("shows received mails on /demo/mails only in demo mode", async () => {
    const page = await context.newPage();
    const response = await page.goto(`${BASE_URL}/demo/mails`);
    if (process.env.KONTOR_DEMO === "1") {
      await page.getByText("Demo: empfangene E-Mails").waitFor();
    } else {
      expect(response?.status()).toBe(404);
    }
    await page.close();
  });
});
