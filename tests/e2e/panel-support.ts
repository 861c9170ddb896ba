/**
 * Shared steps of the panel end-to-end tests. Each test builds a customer of its own with the
 * factories in the runner's database (SQLite or PostgreSQL): a package of the Plesk layout it walks,
 * a domain and a mailbox in it. Names are the factories' unique ones, so tests never touch the demo
 * data and pass in any order.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { PanelKind } from "@/db/schema";
import type { PackageSpec } from "@/db/builders";
import { aCustomerWithPackage, aDomainWithMailboxes, TEST_PASSWORD, type TestSubscription } from "../support/factories";
import { BASE_URL, logIn } from "./support/browser";
import { sharedDb } from "./support/world";

/** The password every factory-made mailbox and login starts with. */
export const INITIAL_PASSWORD = TEST_PASSWORD;

export type PanelMailbox = {
  /** The customer's KundenServiceCenter login. */
  customer: string;
  domain: string;
  address: string;
  mailboxId: number;
  subscriptionId: number;
  sub: TestSubscription;
};

/**
 * A package of the Plesk layout `panel` (with `package`'s values) ordered by a new customer, or by
 * `owner`'s customer, with its first domain and the mailbox info@ there (no quota of its own).
 */
export async function aPanelMailbox(
  panel: Exclude<PanelKind, "none">,
  p: { owner?: Pick<TestSubscription, "reseller" | "customer">; package?: Partial<PackageSpec> } = {},
): Promise<PanelMailbox> {
  const db = sharedDb();
  // Only the owner's reseller and customer: a whole subscription passed as owner would bring its package and domain.
  const owner = p.owner && { reseller: p.owner.reseller, customer: p.owner.customer };
  const sub = await aCustomerWithPackage(db, { ...owner, package: { panel, ...p.package } });
  const [mailbox] = (await aDomainWithMailboxes(db, 1, { sub, localParts: ["info"], quotaMb: null })).mailboxes;
  return {
    customer: sub.customer.email,
    domain: sub.domain.name,
    address: mailbox.address,
    mailboxId: mailbox.id,
    subscriptionId: sub.subscriptionId,
    sub,
  };
}

/** From the login page to the domain's "Paket verwalten" button, as the FAQ describes it. */
export async function openPackage(page: Page, customer: string, domainName: string) {
  await logIn(page, customer, TEST_PASSWORD, "KundenServiceCenter");
  await page.waitForURL(`${BASE_URL}/ksc`);
  await page.getByRole("link", { name: "Domainverwaltung" }).click();
  await page.waitForURL(`${BASE_URL}/ksc/domains`);
  const manage = page.getByRole("link", { name: `Paket verwalten: ${domainName}` });
  // Users look for the words, not only an icon (issue 25, point 16).
  expect((await manage.innerText()).trim()).toBe("Paket verwalten");
  await manage.click();
  await page.waitForURL(new RegExp(`${BASE_URL}/panel/\\d+$`));
}

/** Fills "Neues Passwort" and "Passwort bestätigen", presses OK and waits for the green message. */
export async function submitNewPassword(page: Page, password: string) {
  await page.getByLabel("Neues Passwort").fill(password);
  await page.getByLabel("Passwort bestätigen").fill(password);
  await page.getByRole("button", { name: "OK" }).click();
  await expect.poll(() => page.getByText("Das Passwort wurde geändert.").count(), { timeout: 20_000 }).toBe(1);
  const note = await page.getByRole("status").filter({ hasText: "Das Passwort wurde geändert." }).textContent();
  expect(note).toContain("IMAP");
  expect(note).toContain("SMTP");
  expect(await page.getByRole("link", { name: "Zu den Serveradressen" }).getAttribute("href")).toMatch(/^\/panel\/\d+\/server$/);
}
