import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../support/factories";
import { type AreaLabel, BASE_URL, launchChromium, logIn, logOut } from "./support/browser";
import { oneLoginOfEachRole } from "./support/world";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let world: Awaited<ReturnType<typeof oneLoginOfEachRole>>;

beforeAll(async () => {
  world = await oneLoginOfEachRole();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ locale: "de-DE" });
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
});

/** What each role's start page greets with; the customer also logs in with its customer number. */
const ROLES = {
  admin: ({ logins }) => ({ ...logins.admin, greeting: `Willkommen, ${logins.admin.identifier}` }),
  support: ({ logins }) => ({ ...logins.support, greeting: `Willkommen, ${logins.support.identifier}` }),
  reseller: ({ logins }) => ({ ...logins.reseller, greeting: `Willkommen, ${logins.reseller.identifier}` }),
  customer: ({ logins, company }) => ({ ...logins.customer, greeting: `Willkommen, ${company}` }),
  "customer by number": ({ logins, company, customer }) => ({
    ...logins.customer,
    identifier: customer.customerNumber,
    greeting: `Willkommen, ${company}`,
  }),
  "mail administrator": ({ logins }) => ({ ...logins.mailAdmin, greeting: `Angemeldet mit dem Konto ${logins.mailAdmin.identifier}` }),
  "mailbox user": ({ logins }) => ({ ...logins.mailbox, greeting: `Angemeldet als ${logins.mailbox.identifier}` }),
} satisfies Record<string, (w: typeof world) => { identifier: string; area: AreaLabel; home: string; greeting: string }>;

describe("login in Chromium", () => {
  it.each(Object.keys(ROLES) as (keyof typeof ROLES)[])("%s reaches the area's start page and can log out", async (role) => {
    const { identifier, area, home, greeting } = ROLES[role](world);
    await logIn(page, identifier, TEST_PASSWORD, area);
    await page.waitForURL(`${BASE_URL}${home}`);
    await expect.poll(() => page.locator("main").textContent()).toContain(greeting);
    await logOut(page);
    await page.waitForURL(`${BASE_URL}/login`);
    await page.goto(`${BASE_URL}${home}`);
    await page.waitForURL(`${BASE_URL}/login`);
  });

  it("ends the session on the server at logout: a copy of the cookie no longer opens anything (SE-03)", async () => {
    await logIn(page, world.logins.customer.identifier, TEST_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/ksc`);
    const session = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
    expect(session?.httpOnly).toBe(true);
    const replay = () =>
      fetch(`${BASE_URL}/ksc/domains`, { headers: { cookie: `${String(session?.name)}=${String(session?.value)}` }, redirect: "manual" });
    expect((await replay()).status).toBe(200);
    await logOut(page);
    await page.waitForURL(`${BASE_URL}/login`);
    const after = await replay();
    expect(after.status).toBeGreaterThanOrEqual(300);
    expect(after.status).toBeLessThan(400);
    expect(after.headers.get("location")).toContain("/login");
  });

  it("replaces a planted session cookie at login, and the planted one opens nothing (SE-02)", async () => {
    const url = new URL(BASE_URL);
    await context.addCookies([{ name: "authjs.session-token", value: "planted-by-an-attacker", domain: url.hostname, path: "/" }]);
    await logIn(page, world.logins.customer.identifier, TEST_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/ksc`);
    const session = (await context.cookies()).find((c) => c.name === "authjs.session-token");
    expect(session?.value).toBeTruthy();
    expect(session?.value).not.toBe("planted-by-an-attacker");
    const planted = await fetch(`${BASE_URL}/ksc`, {
      headers: { cookie: "authjs.session-token=planted-by-an-attacker" },
      redirect: "manual",
    });
    expect(planted.headers.get("location")).toContain("/login");
  });

  it("shows the customer start page with spam filter information and server addresses", async () => {
    await logIn(page, world.logins.customer.identifier, TEST_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/ksc`);
    const text = await page.locator("main").textContent();
    expect(text).toContain("Informationen zum Spamfilter");
    expect(text).toContain("Serveradressen");
    // An internationalised domain reads in its Unicode form.
    expect(text).toContain(world.idnDomain);
  });

  it("shows the German error for a wrong password and stays on the login page", async () => {
    await logIn(page, world.logins.customer.identifier, "Falsches-Passwort-123", "KundenServiceCenter");
    await expect.poll(() => page.getByText("Die Anmeldung ist fehlgeschlagen.", { exact: false }).count()).toBe(1);
    expect(page.url()).toBe(`${BASE_URL}/login`);
  });

  it("does not let a customer open another role's area", async () => {
    await logIn(page, world.logins.customer.identifier, TEST_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/ksc`);
    const res = await page.goto(`${BASE_URL}/admin`);
    expect(res?.status()).toBe(404);
  });

  it("switches the language to English and Italian", async () => {
    await page.goto(`${BASE_URL}/login`);
    await page.getByRole("button", { name: "en", exact: true }).click();
    await expect.poll(() => page.getByRole("button", { name: "Log in" }).count()).toBe(1);
    await page.getByRole("button", { name: "it", exact: true }).click();
    await expect.poll(() => page.getByRole("button", { name: "Accedi" }).count()).toBe(1);
  });
});
