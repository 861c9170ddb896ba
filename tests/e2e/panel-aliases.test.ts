/**
 * In each Plesk layout the customer gives an address an alias, where that Plesk version kept them
 * (the address's "Decknamen" tool in 8 and 9, its "E-Mail-Aliase" button in 10); a mail sent to the
 * alias over SMTP to the runner's Postfix then lands in the address's mailbox, read over IMAP.
 */
import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { mailAliases } from "@/db/schema";
import { postfixPort } from "@/lib/config";
import { portsFromEnv } from "@/scripts/lib/dovecot-process";
import { waitForLanded } from "../support/mailbox-delivery";
import { smtpDialogue } from "../support/smtp-dialogue";
import { aPanelMailbox, INITIAL_PASSWORD, openPackage, type PanelMailbox } from "./panel-support";
import { launchChromium } from "./support/browser";

// Plesk 8/9 reach the address list through the start page's "Dienste" group, Plesk 10 through its tab.
const LAYOUTS = [
  { panel: "Plesk 8", kind: "plesk8", tool: "Decknamen", viaTab: false },
  { panel: "Plesk 9", kind: "plesk9", tool: "Decknamen", viaTab: false },
  { panel: "Plesk 10", kind: "plesk10", tool: "E-Mail-Aliase", viaTab: true },
] as const;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function openAddress(page: Page, { customer, domain, address }: PanelMailbox, viaTab: boolean) {
  await openPackage(page, customer, domain);
  if (viaTab) await page.getByRole("navigation", { name: "Control Panel" }).getByRole("link", { name: "E-Mail", exact: true }).click();
  else await page.getByRole("region", { name: "Dienste" }).getByRole("link", { name: "E-Mail" }).click();
  await page.getByRole("heading", { name: "E-Mail-Adressen verwalten" }).waitFor();
  await page.getByRole("link", { name: address }).click();
  await page.getByRole("link", { name: "Eine Ebene höher" }).waitFor();
}

describe.each(LAYOUTS)("$panel panel", ({ kind, tool, viaTab }) => {
  it(`creates an alias under "${tool}" and a mail to it arrives in the mailbox`, async () => {
    const world = await aPanelMailbox(kind);
    const { domain, address } = world;
    const page = await (await browser.newContext({ locale: "de-DE" })).newPage();
    await openAddress(page, world, viaTab);
    await page.getByRole("link", { name: tool, exact: true }).click();
    await page.waitForURL(/\/aliases$/);
    const localPart = `alias-${Math.random().toString(36).slice(2, 8)}`;
    await page.getByLabel("Alias-Adresse").fill(localPart);
    // The address itself is already the first target.
    expect(await page.getByLabel("Ziele").inputValue()).toContain(address);
    await page.getByRole("button", { name: "Alias anlegen" }).click();
    const alias = `${localPart}@${domain}`;
    await expect.poll(() => page.getByText(`Der Alias ${alias} ist angelegt.`).count(), { timeout: 20_000 }).toBe(1);
    expect(await getDb().select().from(mailAliases).where(eq(mailAliases.address, alias))).toHaveLength(1);

    const subject = `e2e-alias-${localPart}`;
    const sent = await smtpDialogue(postfixPort(), { from: "sender@example.net", to: [alias], subject });
    expect(sent.rcpt[alias]).toMatch(/^250 /);
    const landed = await waitForLanded(portsFromEnv().imap, address, INITIAL_PASSWORD, subject);
    expect(landed.map((m) => m.folder)).toEqual(["INBOX"]);
    await page.context().close();
  });
});
