/**
 * Shared steps of the panel end-to-end tests. Each test works on a mailbox of its own, created here
 * through the mailbox service in the runner's database (SQLite or PostgreSQL, getDb()) and removed afterwards, so the
 * demo mailboxes other tests log in with keep their passwords.
 */
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { getDb } from "@/db";
import { domains, mailboxes, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { loadActor } from "@/lib/auth/principals";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { BASE_URL, logIn } from "./support/browser";
import { firstRow } from "@/db/rows";

export const CUSTOMER = "kunde@kontor.example";
export const INITIAL_PASSWORD = "Startwert-Heuballen-Dach-61";

async function customerActor() {
  const db = getDb();
  const u = await firstRow(db.select({ id: users.id }).from(users).where(eq(users.email, CUSTOMER)));
  const actor = u && (await loadActor(db, "user", u.id));
  if (!actor) throw new Error("demo customer missing");
  return actor;
}

/** A fresh mailbox in the given demo domain, e.g. `e2e-p8-k3x9@alpenblick.example`. */
export async function createTestMailbox(domainName: string, prefix: string): Promise<string> {
  const db = getDb();
  const d = await firstRow(db.select().from(domains).where(eq(domains.name, domainName)));
  if (!d) throw new Error(`demo domain ${domainName} missing`);
  const localPart = `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
  const created = await createMailbox(
    await customerActor(),
    {
      subscriptionId: d.subscriptionId,
      domainId: d.id,
      localPart,
      quotaMb: null,
      newPassword: INITIAL_PASSWORD,
      confirmPassword: INITIAL_PASSWORD,
    },
    { ip: "e2e-setup" },
    db,
  );
  if (!created) throw new Error("mailbox not created");
  return created.address;
}

export async function removeTestMailbox(address: string) {
  const db = getDb();
  const m = await firstRow(
    db.select({ id: mailboxes.id, domainId: mailboxes.domainId }).from(mailboxes).where(eq(mailboxes.address, address)),
  );
  if (!m) return;
  const d = await firstRow(db.select({ subscriptionId: domains.subscriptionId }).from(domains).where(eq(domains.id, m.domainId)));
  await deleteMailboxes(
    await customerActor(),
    { subscriptionId: d?.subscriptionId ?? 0, mailboxIds: [m.id], confirmed: "yes" },
    { ip: "e2e-cleanup" },
    db,
  );
}

/** From the login page to the domain's "Paket verwalten" button, as the FAQ describes it. */
export async function openPackage(page: Page, domainName: string) {
  await logIn(page, CUSTOMER, DEMO_PASSWORD, "KundenServiceCenter");
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
