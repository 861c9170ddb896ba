import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { firstRow } from "@/db/rows";
import { domains, mailboxes } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { createTestMailbox, CUSTOMER, removeTestMailbox } from "./panel-support";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { fieldErrorText } from "./support/field-error";

/**
 * Issue 25: a quota above the package's limit is refused with the limit named, in the same answer as
 * the schema's errors (a too short password), beside the quota field, on every Plesk layout.
 */
// The demo's packages (db/seed.ts): Web Classic, Web Plus, Business.
const LAYOUTS = [
  { domain: "alpenblick.example", panel: "Plesk 8", limit: 1024 },
  { domain: "bergsee.example", panel: "Plesk 9", limit: 2048 },
  { domain: "citywerk.example", panel: "Plesk 10", limit: 5120 },
];
const EXPECTED = {
  de: (max: number) => `Höchstens ${String(max)} MB`,
  en: (max: number) => `at most ${String(max)} MB`,
  it: (max: number) => `al massimo ${String(max)} MB`,
};

let browser: Browser;
const made: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const address of made) await removeTestMailbox(address);
});

describe("quota above the package's limit, together with a password error", () => {
  for (const { domain, panel, limit } of LAYOUTS) {
    for (const lang of ["de", "en", "it"] as const) {
      it(`${panel} (${domain}), ${lang}: names the limit beside the quota field next to the password error`, async () => {
        const address = await createTestMailbox(domain, `e2e-q-${lang}`);
        made.push(address);
        const db = getDb();
        const m = await firstRow(
          db
            .select({ id: mailboxes.id, subscriptionId: domains.subscriptionId })
            .from(mailboxes)
            .innerJoin(domains, eq(domains.id, mailboxes.domainId))
            .where(eq(mailboxes.address, address)),
        );
        if (!m) throw new Error("test mailbox missing");
        const context = await browser.newContext({ locale: { de: "de-DE", en: "en-US", it: "it-IT" }[lang] });
        try {
          const page = await context.newPage();
          await logIn(page, CUSTOMER, DEMO_PASSWORD, "KundenServiceCenter");
          await page.waitForURL(`${BASE_URL}/ksc`);
          await context.addCookies([{ name: "NEXT_LOCALE", value: lang, url: BASE_URL }]);
          await page.goto(`${BASE_URL}/panel/${String(m.subscriptionId)}/mail/${String(m.id)}/settings`);
          const quota = page.locator('input[name="quotaMb"]');
          await quota.fill("999999");
          await page.locator('input[name="newPassword"]').fill("kurz");
          await page.locator('input[name="confirmPassword"]').fill("kurz");
          await page.locator('form:has(input[name="quotaMb"]) button[type="submit"]').click();
          await expect.poll(() => fieldErrorText(page, "quotaMb"), { timeout: 20_000 }).toContain(EXPECTED[lang](limit));
          expect(await fieldErrorText(page, "newPassword")).not.toBe("");
          expect(await fieldErrorText(page, "quotaMb")).not.toMatch(/panel\.errors|\{max\}/);
        } finally {
          await context.close();
        }
      });
    }
  }
});
