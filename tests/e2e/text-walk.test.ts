/**
 * Issue 25's walk, scripted: every role through its menu pages in German, English and Italian, the
 * three Plesk layouts' mailbox settings with a refused form, and the login page. Every visible text
 * (with placeholders, titles and labels for screen readers) is checked for raw catalogue keys,
 * "undefined", "[object …]" and English sentences left on German or Italian pages.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { aPanelMailbox, type PanelMailbox } from "./panel-support";
import { type AreaLabel, BASE_URL, launchChromium, logIn } from "./support/browser";
import { textProblems } from "./support/text-check";
import {
  ENGLISH,
  GERMAN,
  ITALIAN,
  type RoundcubeWords,
  contentScope,
  openPasswordForm,
  openSettingsSection,
  webmailLogIn,
} from "./support/webmail";
import { aCustomerWithPackage, aMailAccount, anAdmin, aReseller, aSupport, TEST_PASSWORD } from "../support/factories";
import { sharedDb } from "./support/world";

const LOCALES: Locale[] = ["de", "en", "it"];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * What a visitor reads on the page: the text and the attributes screen readers and hints show.
 * Values shown as they are stored (monospace: addresses, logins; the audit log's action codes such
 * as "import.apply" in titles marked data-code) are left out: they are data, not catalogue texts,
 * and may equal a key.
 */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const values = [...document.querySelectorAll<HTMLElement>(".font-mono, code")];
    const before = values.map((el) => el.style.display);
    for (const el of values) el.style.display = "none";
    const text = document.body.innerText;
    values.forEach((el, i) => (el.style.display = before[i]));
    const attrs = [...document.querySelectorAll("[placeholder],[title]:not([data-code]),[aria-label],option")].map(
      (el) =>
        ["placeholder", "title", "aria-label"].map((a) => el.getAttribute(a) ?? "").join("\n") +
        "\n" +
        (el.tagName === "OPTION" ? (el.textContent ?? "") : ""),
    );
    return [document.title, text, ...attrs].join("\n");
  });
}

/** Collects the problems of the page now shown, named by locale and path. */
async function check(page: Page, locale: Locale, found: string[], label = "") {
  const where = `${locale} ${new URL(page.url()).pathname}${label ? ` (${label})` : ""}`;
  for (const problem of textProblems(await visibleText(page), locale)) found.push(`${where}: ${problem}`);
}

/** Visits every link of the side navigation and checks each page. */
async function walkMenu(page: Page, locale: Locale, found: string[]) {
  const hrefs = await page
    .getByRole("navigation")
    .last()
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of [...new Set(hrefs)]) {
    await page.goto(`${BASE_URL}${href}`);
    await check(page, locale, found);
  }
}

/** Logs in (German login page), then walks the menu in each language. */
async function walkRole(
  identifier: string,
  password: string,
  area: AreaLabel,
  extra?: (page: Page, locale: Locale, found: string[]) => Promise<void>,
) {
  const context: BrowserContext = await browser.newContext({ locale: "de-DE" });
  const found: string[] = [];
  try {
    const page = await context.newPage();
    await logIn(page, identifier, password, area);
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    for (const locale of LOCALES) {
      await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: BASE_URL }]);
      await page.reload();
      await check(page, locale, found, "home");
      await walkMenu(page, locale, found);
      await extra?.(page, locale, found);
    }
  } finally {
    await context.close();
  }
  return found;
}

/** A refused mailbox settings form (quota above the limit, too short password) on each Plesk layout. */
const refusedSettings = (boxes: PanelMailbox[]) => async (page: Page, locale: Locale, found: string[]) => {
  for (const { address, ...m } of boxes) {
    for (const path of ["", "/mail", `/mail/${String(m.mailboxId)}`, `/mail/${String(m.mailboxId)}/settings`]) {
      await page.goto(`${BASE_URL}/panel/${String(m.subscriptionId)}${path}`);
      await check(page, locale, found, address);
    }
    await page.locator('input[name="quotaMb"]').fill("999999");
    await page.locator('input[name="newPassword"]').fill("kurz");
    await page.locator('input[name="confirmPassword"]').fill("anders");
    await page.locator('form:has(input[name="quotaMb"]) button[type="submit"]').click();
    await page.locator('[aria-invalid="true"]').first().waitFor({ timeout: 20_000 });
    await check(page, locale, found, `${address}, refused`);
  }
};

/** Support: a mailbox search with hits (the domain's) and one without. */
const supportSearch = (domain: string) => async (page: Page, locale: Locale, found: string[]) => {
  for (const query of [`field=domain&q=${domain}`, "q=gibt-es-nicht-xyz"]) {
    await page.goto(`${BASE_URL}/support/mailboxes?${query}`);
    await check(page, locale, found, `search ${query}`);
  }
};

/** Submits a form and waits for its answer: a marked field or form error, or the green message. */
async function submit(page: Page, form: Locator, answer: "refused" | "saved") {
  await form.locator('button[type="submit"]').first().click();
  const sign = answer === "refused" ? form.locator('[aria-invalid="true"], [role="alert"]') : form.locator('[role="status"]');
  await sign.first().waitFor({ timeout: 20_000 });
}

/** Mailbox self-service: forwarding, black/whitelist and autoresponder, each refused and then saved. */
async function selfServiceForms(page: Page, locale: Locale, found: string[]) {
  await page.goto(`${BASE_URL}/mailbox/forwards`);
  const forward = page.locator('form:has([name="target"])').first();
  await forward.locator('[name="target"]').fill("kein-gueltiges@@ziel");
  await submit(page, forward, "refused");
  await check(page, locale, found, "refused forward");

  await page.goto(`${BASE_URL}/mailbox/sender-lists`);
  const block = page.locator('form:has([name="kind"][value="block"])');
  await block.locator('[name="pattern"]').fill("@@kaputt");
  await submit(page, block, "refused");
  await check(page, locale, found, "refused blacklist entry");
  await block.locator('[name="pattern"]').fill(`@walk-${locale}.example`);
  await submit(page, block, "saved");
  await check(page, locale, found, "blacklist entry added");

  await page.goto(`${BASE_URL}/mailbox/autoresponder`);
  const away = page.locator('form:has([name="body"])');
  await away.locator('[name="enabled"]').check();
  await away.locator('[name="body"]').fill("");
  await away.locator('[name="startsOn"]').fill("2031-05-10");
  await away.locator('[name="endsOn"]').fill("2031-05-01");
  await away.locator('[name="intervalDays"]').fill("0");
  await submit(page, away, "refused");
  await check(page, locale, found, "refused autoresponder");
  await away.locator('[name="body"]').fill("Bin im Urlaub. / On holiday. / In ferie.");
  await away.locator('[name="endsOn"]').fill("2031-05-20");
  await away.locator('[name="intervalDays"]').fill("7");
  await submit(page, away, "saved");
  await check(page, locale, found, "autoresponder saved");
}

/** KundenServiceCenter: a new ticket (empty, then filled) and the CSV import (a file with a problem, then a good one). */
async function ticketAndImport(domain: string) {
  return async (page: Page, locale: Locale, found: string[]) => {
    await page.goto(`${BASE_URL}/ksc/support/new`);
    const ticket = page.locator('form:has([name="subject"])');
    await submit(page, ticket, "refused");
    await check(page, locale, found, "refused ticket");
    await ticket.locator('[name="category"]').selectOption({ index: 1 });
    await ticket.locator('[name="subject"]').fill(`Walk ${locale}`);
    await ticket.locator('[name="message"]').fill("Bitte um Rückruf.");
    await ticket.locator('button[type="submit"]').click();
    await page.waitForURL(/\/ksc\/support\/\d+/);
    await check(page, locale, found, "ticket opened");

    await page.goto(`${BASE_URL}/ksc/import`);
    const upload = page.locator('form:has(input[type="file"])');
    const csv = (lines: string[]) => ({
      name: "umzug.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(["type;address;password;quota_mb;enabled;targets", ...lines].join("\n")),
    });
    await upload
      .locator('input[type="file"]')
      .setInputFiles(csv([`mailbox;walk-${locale}@unbekannt.example;generate;;;`, "alias;kaputt;;;;"]));
    await upload.locator('button[name="intent"][value="check"]').click();
    await page.locator("section table").first().waitFor({ timeout: 30_000 });
    await check(page, locale, found, "import with problems");
    await upload.locator('input[type="file"]').setInputFiles(csv([`mailbox;walk-${locale}@${domain};generate;;;`]));
    await upload.locator('button[name="intent"][value="check"]').click();
    // A clean check offers "Importieren" (intent=apply).
    await upload.locator('button[name="intent"][value="apply"]').waitFor({ timeout: 30_000 });
    await check(page, locale, found, "import checked");
  };
}

/** Roundcube's words of each language (its own catalogue and Kontor's plugin). */
const ROUNDCUBE: Record<Locale, { words: RoundcubeWords; more: string; browser: string }> = {
  de: { words: GERMAN, more: "Weiterleitung, Spamfilter & Abwesenheit", browser: "de-DE" },
  en: { words: ENGLISH, more: "Forwarding, spam filter & out of office", browser: "en-US" },
  it: { words: ITALIAN, more: "Inoltro, antispam e assenza", browser: "it-IT" },
};

/** The text of Roundcube's page and of its settings frame. */
async function webmailText(page: Page): Promise<string> {
  const frames = page.frames().map((f) => f.evaluate(() => document.body?.innerText ?? "").catch(() => ""));
  return (await Promise.all(frames)).join("\n");
}

describe("visible texts in de, en and it", () => {
  it("login page", async () => {
    const context = await browser.newContext();
    const found: string[] = [];
    try {
      const page = await context.newPage();
      for (const locale of LOCALES) {
        await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: BASE_URL }]);
        await page.goto(`${BASE_URL}/login`);
        await check(page, locale, found);
      }
    } finally {
      await context.close();
    }
    expect(found).toEqual([]);
  });

  it("customer: menu pages and the three Plesk layouts' settings with a refused form", async () => {
    const plesk8 = await aPanelMailbox("plesk8");
    const owner = { owner: plesk8.sub };
    const boxes = [plesk8, await aPanelMailbox("plesk9", owner), await aPanelMailbox("plesk10", owner)];
    expect(await walkRole(plesk8.customer, TEST_PASSWORD, "KundenServiceCenter", refusedSettings(boxes))).toEqual([]);
  }, 600_000);

  it("support: menu pages and the mailbox search", async () => {
    const { domain } = await aPanelMailbox("plesk9");
    // A staff actor's label is its login, the e-mail address.
    const support = await aSupport(sharedDb());
    expect(await walkRole(support.label, TEST_PASSWORD, "KundenServiceCenter", supportSearch(domain))).toEqual([]);
  }, 600_000);

  // Each role's login of its own: a mail administrator's is its `.001` account.
  const LOGINS: Record<string, () => Promise<[string, AreaLabel]>> = {
    admin: async () => {
      const admin = await anAdmin(sharedDb());
      // An entry whose action code equals a catalogue key (the import's "Apply" button): the admin's
      // audit page shows codes as titles, which are data, not texts (data-code), whatever ran before.
      await writeAudit(sharedDb(), admin, { action: "import.apply", targetKind: "subscription", targetLabel: "text-walk" });
      return [admin.label, "KundenServiceCenter"];
    },
    reseller: async () => [(await aReseller(sharedDb())).email, "KundenServiceCenter"],
    "mail administrator": async () => [(await aMailAccount(sharedDb())).admin.login, "E-Mail-Administration"],
  };
  it.each(Object.keys(LOGINS))(
    "%s: menu pages",
    async (role) => {
      const [identifier, area] = await LOGINS[role]();
      expect(await walkRole(identifier, TEST_PASSWORD, area)).toEqual([]);
    },
    600_000,
  );

  it("mailbox user: self-service pages and their forms", async () => {
    const { address } = await aPanelMailbox("plesk8");
    expect(await walkRole(address, TEST_PASSWORD, "einzelne Mailbox", selfServiceForms)).toEqual([]);
  }, 600_000);

  it("a customer of its own: menu pages, a ticket and the CSV import", async () => {
    const sub = await aCustomerWithPackage(sharedDb(), { package: { panel: "plesk9" } });
    expect(await walkRole(sub.customer.email, TEST_PASSWORD, "KundenServiceCenter", await ticketAndImport(sub.domain.name))).toEqual([]);
  }, 600_000);

  it.each(LOCALES)(
    "%s: Roundcube's login, its password page and the settings that lead to Kontor",
    async (locale) => {
      const { address } = await aPanelMailbox("plesk8");
      const { words, more, browser: browserLocale } = ROUNDCUBE[locale];
      const context = await browser.newContext({ locale: browserLocale });
      const found: string[] = [];
      try {
        const page = await context.newPage();
        await webmailLogIn(page, words, address, TEST_PASSWORD);
        await page.waitForURL(/_task=mail/);
        const form = await openPasswordForm(page, words);
        await form.getByLabel(words.confirm, { exact: true }).waitFor();
        const webmailProblems = async (where: string) => {
          const text = await webmailText(page);
          // Roundcube shows a label missing from a plugin's catalogue as [name].
          for (const raw of text.match(/\[[a-z_]+\]/g) ?? []) found.push(`${locale} ${where}: missing label ${raw}`);
          for (const problem of textProblems(text, locale)) found.push(`${locale} ${where}: ${problem}`);
        };
        await webmailProblems("webmail password page");
        await openSettingsSection(page, words, more);
        const links = (await contentScope(page, (scope) => scope.locator("#kontor-links"))).locator("#kontor-links a");
        const base = process.env.KONTOR_PUBLIC_URL ?? BASE_URL;
        expect(await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))).toContain(`${base}/mailbox/forwards`);
        await webmailProblems("webmail links to Kontor");
      } finally {
        await context.close();
      }
      expect(found).toEqual([]);
    },
    180_000,
  );
});
