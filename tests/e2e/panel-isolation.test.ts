/** Another customer's panel URLs answer 404 in the browser, as do packages without a panel. */
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { domains, mailboxes } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import { firstRow } from "@/db/rows";

let browser: Browser;
let page: Page;

const subOf = async (name: string) =>
  (await firstRow(getDb().select({ id: domains.subscriptionId }).from(domains).where(eq(domains.name, name))))?.id ?? 0;
const mailboxId = async (address: string) =>
  (await firstRow(getDb().select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.address, address))))?.id ?? 0;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function statusOf(path: string) {
  const res = await page.goto(`${BASE_URL}${path}`);
  return res?.status();
}

describe("panel tenant isolation in the browser", () => {
  it("gives K10002 a 404 for K10001's subscription and mailbox, also behind its own subscription id", async () => {
    page = await (await browser.newContext({ locale: "de-DE" })).newPage();
    await logIn(page, "kunde2@kontor.example", DEMO_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/ksc`);
    const foreignSub = await subOf("alpenblick.example");
    const ownSub = await subOf("zweite-firma.example");
    const foreignMailbox = await mailboxId("info@alpenblick.example");
    expect(await statusOf(`/panel/${ownSub}`)).toBe(200);
    for (const path of [
      `/panel/${foreignSub}`,
      `/panel/${foreignSub}/mail`,
      `/panel/${foreignSub}/mail/${foreignMailbox}/settings`,
      `/panel/${ownSub}/mail/${foreignMailbox}`,
      `/panel/${ownSub}/mail/${foreignMailbox}/settings`,
      `/panel/${ownSub}/mail/delete?ids=${foreignMailbox}`,
    ]) {
      expect(await statusOf(path), path).toBe(404);
    }
    expect(await page.getByText("info@alpenblick.example").count()).toBe(0);
  });

  it("gives K10001 a 404 for the other reseller's customer and for its own package without a panel", async () => {
    page = await (await browser.newContext({ locale: "de-DE" })).newPage();
    await logIn(page, "kunde@kontor.example", DEMO_PASSWORD, "KundenServiceCenter");
    await page.waitForURL(`${BASE_URL}/ksc`);
    expect(await statusOf(`/panel/${await subOf("suedwind-kunde.example")}/mail/${await mailboxId("info@suedwind-kunde.example")}`)).toBe(
      404,
    );
    expect(await statusOf(`/panel/${await subOf("dorfladen.example")}`)).toBe(404);
    expect(await statusOf(`/panel/not-a-number`)).toBe(404);
  });
});
