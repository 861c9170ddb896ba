import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../support/factories";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { watchCspViolations } from "./support/csp-watch";
import { oneLoginOfEachRole, type RoleLogins } from "./support/world";

const PATHS = [
  "/login",
  "/",
  "/ksc",
  "/passwort-vergessen",
  "/api/auth/csrf",
  "/api/altcha/challenge",
  "/api/altcha/worker",
  "/does-not-exist",
  "/healthz",
  "/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=info@domain.example",
];

/** The directive's sources, e.g. directive(csp, "script-src") → ["'self'", "'nonce-…'", …]. */
function directive(csp: string, name: string): string[] {
  const found = csp
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name);
  return found ? found.slice(1) : [];
}

describe("security headers", () => {
  it.each(PATHS)("%s carries a Content-Security-Policy and the hardening headers", async (path) => {
    const res = await fetch(`${BASE_URL}${path}`, { redirect: "manual" });
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("gives scripts a fresh nonce per response and puts it on every script tag of the page", async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${BASE_URL}/login`);
      const csp = res.headers.get("content-security-policy") ?? "";
      // One policy only: a second header (e.g. from next.config.mjs) would be enforced as well.
      expect(csp.split("default-src")).toHaveLength(2);
      const scriptSrc = directive(csp, "script-src");
      expect(scriptSrc).toContain("'strict-dynamic'");
      const nonce = /^'nonce-([A-Za-z0-9+/=]{22,})'$/.exec(scriptSrc.find((s) => s.startsWith("'nonce-")) ?? "")?.[1];
      expect(nonce).toBeDefined();
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${String(nonce)}"`);
      nonces.push(nonce as string);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("ignores a policy the client sends: the nonce is always the server's own", async () => {
    const forged = "AAAAAAAAAAAAAAAAAAAAAA==";
    const res = await fetch(`${BASE_URL}/login`, { headers: { "Content-Security-Policy": `script-src 'nonce-${forged}'` } });
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(directive(csp, "script-src")).toContain("'strict-dynamic'");
    expect(csp).not.toContain(forged);
    const html = await res.text();
    expect(html).toMatch(/<script\b[^>]*nonce="/);
    expect(html).not.toContain(`nonce="${forged}"`);
  });

  it("serves static assets with the nonce-free policy", async () => {
    const html = await (await fetch(`${BASE_URL}/login`)).text();
    const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const res = await fetch(`${BASE_URL}${String(asset)}`);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(directive(csp, "script-src")).toEqual(["'self'"]);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("sets the session cookie httpOnly and SameSite", async () => {
    const res = await fetch(`${BASE_URL}/api/auth/csrf`);
    const cookies = res.headers.getSetCookie().join("\n");
    expect(cookies).toMatch(/authjs\.csrf-token=[^;]+;.*HttpOnly/i);
    expect(cookies).toMatch(/SameSite=Lax/i);
  });

  it("refuses a server action posted from a foreign origin", async () => {
    const res = await fetch(`${BASE_URL}/login`, {
      method: "POST",
      headers: { origin: "https://evil.example", "next-action": "0".repeat(42), "content-type": "text/plain" },
      body: "[]",
      redirect: "manual",
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});

describe("the pages of every role run under the policy in Chromium", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let violations: string[];

  let logins: RoleLogins;

  beforeAll(async () => {
    logins = (await oneLoginOfEachRole()).logins;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: "de-DE" });
    violations = await watchCspViolations(context);
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  /** Opens each path as a full page load and waits until the client code has run. */
  async function visit(paths: string[]) {
    for (const path of paths) {
      const res = await page.goto(`${BASE_URL}${path}`);
      expect(res?.status(), path).toBe(200);
      await page.waitForLoadState("networkidle");
      // React marks the nodes it hydrated; a blocked bundle leaves the server HTML unmarked.
      await expect
        .poll(() => page.evaluate(() => Object.keys(document.body).some((k) => k.startsWith("__reactFiber"))), { message: path })
        .toBe(true);
    }
  }

  it("blocks and reports markup injected with an inline handler (the watcher can fail)", async () => {
    await page.goto(`${BASE_URL}/login`);
    // What a stored XSS would put into the HTML: an attribute handler, which needs 'unsafe-inline'.
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="data:," onerror="window.__injected = true">'));
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join("\n")).toContain("script-src");
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  });

  it("login page, language switch and the robot check with its same-origin worker", async () => {
    await visit(["/login", "/reset", "/passwort-vergessen"]);
    await page.getByText("Ich bin kein Roboter").click();
    await page.getByText("Bestätigt", { exact: true }).waitFor({ timeout: 30_000 });
    await page.goto(`${BASE_URL}/login`);
    await page.getByRole("button", { name: "en", exact: true }).click();
    await expect.poll(() => page.getByRole("button", { name: "Log in" }).count()).toBe(1);
    await page.getByRole("button", { name: "de", exact: true }).click();
    await expect.poll(() => page.getByRole("button", { name: "Anmelden" }).count()).toBe(1);
    expect(violations).toEqual([]);
  });

  // Each role's main pages, for a login of its own of that role (tests/e2e/support/world.ts).
  const roles: [keyof RoleLogins, string[]][] = [
    ["admin", ["/admin", "/admin/resellers", "/admin/settings", "/admin/security", "/admin/mfa", "/admin/audit"]],
    ["support", ["/support", "/support/tickets", "/support/mailboxes", "/support/recovery", "/support/security", "/support/audit"]],
    [
      "reseller",
      [
        "/reseller",
        "/reseller/customers",
        "/reseller/customers/new",
        "/reseller/packages",
        "/reseller/packages/new",
        "/reseller/security",
        "/reseller/audit",
      ],
    ],
    [
      "customer",
      [
        "/ksc",
        "/ksc/domains",
        "/ksc/account",
        "/ksc/stammdaten",
        "/ksc/support",
        "/ksc/support/new",
        "/ksc/security",
        "/ksc/audit",
        "/passwort",
      ],
    ],
    ["mailAdmin", ["/mailadmin"]],
    [
      "mailbox",
      [
        "/mailbox",
        "/mailbox/password",
        "/mailbox/forwards",
        "/mailbox/spam",
        "/mailbox/sender-lists",
        "/mailbox/server",
        "/mailbox/setup",
        "/mailbox/recovery",
      ],
    ],
  ];

  it.each(roles)("%s: the main pages load without a CSP violation", async (role, paths) => {
    const { identifier, area } = logins[role];
    await logIn(page, identifier, TEST_PASSWORD, area);
    await page.waitForURL(`${BASE_URL}${paths[0]}`);
    await visit(paths);
    expect(violations).toEqual([]);
  });

  it("the customer's Plesk panels (8, 9, 10) load and navigate without a CSP violation", async () => {
    await logIn(page, logins.customer.identifier, TEST_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/ksc`);
    await visit(["/ksc/domains"]);
    const panels = [
      ...new Set(
        await page.$$eval('a[href^="/panel/"]', (as) => as.map((a) => /^\/panel\/\d+/.exec(a.getAttribute("href") ?? "")?.[0] ?? "")),
      ),
    ].filter(Boolean);
    expect(panels.length).toBeGreaterThanOrEqual(3);
    for (const panel of panels) await visit([panel, `${panel}/mail`, `${panel}/mail/new`, `${panel}/server`]);
    // A client-side navigation loads further chunks through the nonced runtime ('strict-dynamic').
    await page.goto(`${BASE_URL}/ksc`);
    await page.locator('a[href="/ksc/domains"]').first().click();
    await page.waitForURL(`${BASE_URL}/ksc/domains`);
    await page.locator(`a[href="${panels[0]}"]`).first().click();
    await page.waitForURL(`${BASE_URL}${panels[0]}`);
    expect(violations).toEqual([]);
  });
});
