import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";

export const BASE_URL = process.env.KONTOR_BASE_URL ?? "http://127.0.0.1:3100";

/** Debian's Chromium; the flags keep it off the network this machine does not have. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--disable-dev-shm-usage",
    ],
  });
}

export type AreaLabel = "KundenServiceCenter" | "E-Mail-Administration" | "einzelne Mailbox";

/** Fills the German login form as a user would. */
export async function logIn(page: Page, identifier: string, password: string, area: AreaLabel) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByRole("textbox", { name: "E-Mail-Adresse" }).fill(identifier);
  await page.getByLabel("Passwort", { exact: true }).fill(password);
  await page.getByRole("radio", { name: new RegExp(area) }).check();
  await page.getByRole("button", { name: "Anmelden" }).click();
}

/**
 * A page of a browser with its own language (`browserLocale`, e.g. "en-US": what native controls would
 * show), logged in through the German login form and arrived at `landing`. The caller closes the context.
 */
export async function loggedInPage(
  browser: Browser,
  login: { identifier: string; password: string; area: AreaLabel; landing: string; browserLocale: string },
) {
  const context = await browser.newContext({ locale: login.browserLocale });
  try {
    const page = await context.newPage();
    await logIn(page, login.identifier, login.password, login.area);
    await page.waitForURL(`${BASE_URL}${login.landing}`);
    return { context, page };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** Opens the user menu at the top right and returns it (name, language, "Passwort ändern", "Abmelden"). */
export async function openUserMenu(page: Page) {
  const menu = page.locator("header details");
  if ((await menu.getAttribute("open")) === null) await menu.locator("summary").click();
  return menu.getByRole("group");
}

/** "Abmelden": from the user menu in the logged-in areas, directly where a page has no menu (second-factor step). */
export async function logOut(page: Page) {
  const scope = (await page.locator("header details").count()) > 0 ? await openUserMenu(page) : page;
  await scope.getByRole("button", { name: "Abmelden" }).click();
}

/** Switches the page to a language as the language menu does (its cookie) and reloads it. */
export async function inLanguage(context: BrowserContext, page: Page, locale: Locale) {
  await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: BASE_URL }]);
  await page.reload();
}
