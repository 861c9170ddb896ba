import { and, eq, like } from "drizzle-orm";
import type { FrameLocator, Locator, Page } from "playwright-core";
import * as schema from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import { config } from "@/lib/config";
import { firstRow } from "@/db/rows";
import { aDomainWithMailboxes } from "../../support/factories";
import { openRunDb } from "../../support/run-db";
import { sharedDb } from "./world";

/** The Roundcube that scripts/test-all.sh started (KONTOR_WEBMAIL_PORT). */
export const WEBMAIL_URL = `http://127.0.0.1:${String(config().webmail.port)}/`;

/**
 * A mailbox of the test's own, on a domain of a customer of its own (factories), with the given password
 * (hashed like Kontor does, so Dovecot accepts it at once) and recovery address. Returns its address.
 */
export async function createTestMailbox(password: string, recoveryEmail: string | null = null): Promise<string> {
  const db = sharedDb();
  const [mailbox] = (await aDomainWithMailboxes(db, 1, { package: { panel: "plesk9" }, localParts: ["webmail"] })).mailboxes;
  await db
    .update(schema.mailboxes)
    .set({ passwordHash: await hashPassword(password), recoveryEmail })
    .where(eq(schema.mailboxes.id, mailbox.id));
  return mailbox.address;
}

export async function removeTestMailbox(address: string) {
  const { db, close } = openRunDb();
  try {
    const row = await firstRow(db.select({ id: schema.mailboxes.id }).from(schema.mailboxes).where(eq(schema.mailboxes.address, address)));
    if (!row) return;
    await db.delete(schema.authThrottle).where(like(schema.authThrottle.key, `mailbox-password:${row.id}`));
    // The browser's wrong answers were also counted under its address (loopback), shared with other tests.
    await db.delete(schema.authThrottle).where(like(schema.authThrottle.key, "mailbox-password-ip:127.0.0.1"));
    await db.delete(schema.spamSettings).where(eq(schema.spamSettings.mailboxId, row.id));
    await db.delete(schema.mailboxes).where(eq(schema.mailboxes.id, row.id));
  } finally {
    await close();
  }
}

export async function auditEntries(address: string) {
  const { db, close } = openRunDb();
  try {
    return await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "mailbox.password.self"), eq(schema.auditLog.targetLabel, address)));
  } finally {
    await close();
  }
}

/** Locks the mailbox's password change as ten wrong current passwords would have. */
export async function lockPasswordChange(address: string) {
  const { db, close } = openRunDb();
  try {
    const row = await firstRow(db.select({ id: schema.mailboxes.id }).from(schema.mailboxes).where(eq(schema.mailboxes.address, address)));
    if (!row) throw new Error(`no mailbox ${address}`);
    const now = Date.now();
    await db.insert(schema.authThrottle).values({
      key: `mailbox-password:${row.id}`,
      failures: 10,
      windowStart: new Date(now),
      lockedUntil: new Date(now + 60 * 60 * 1000),
      lockCount: 1,
    });
  } finally {
    await close();
  }
}

export type RoundcubeWords = {
  user: string;
  password: string;
  login: string;
  settings: string;
  passwordSection: string;
  current: string;
  next: string;
  confirm: string;
  save: string;
  logout: string;
};

export const GERMAN: RoundcubeWords = {
  user: "Benutzername",
  password: "Passwort",
  login: "Anmelden",
  settings: "Einstellungen",
  passwordSection: "Passwort",
  current: "Aktuelles Passwort:",
  next: "Neues Passwort:",
  confirm: "Neues Passwort bestätigen:",
  save: "Speichern",
  logout: "Abmelden",
};

export const ENGLISH: RoundcubeWords = {
  user: "Username",
  password: "Password",
  login: "Login",
  settings: "Settings",
  passwordSection: "Password",
  current: "Current Password:",
  next: "New Password:",
  confirm: "Confirm New Password:",
  save: "Save",
  logout: "Logout",
};

export const ITALIAN: RoundcubeWords = {
  user: "Nome Utente",
  password: "Password",
  login: "Accedi",
  settings: "Impostazioni",
  passwordSection: "Password",
  current: "Password corrente:",
  next: "Nuova password:",
  confirm: "Conferma la nuova Password:",
  save: "Salva",
  logout: "Esci",
};

/** Roundcube's login form, by its visible labels. */
export async function webmailLogIn(page: Page, w: RoundcubeWords, user: string, password: string, url = WEBMAIL_URL) {
  await page.goto(url);
  await page.getByLabel(w.user, { exact: true }).fill(user);
  await page.getByLabel(w.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: w.login }).click();
}

/** Where the password form is: Roundcube's content frame or the page itself. */
export type FormScope = Page | FrameLocator;

/** Roundcube ignores clicks while it is loading (its "busy" state); wait as a user waits for the spinner. */
export async function webmailIdle(page: Page) {
  await page.waitForFunction(() => {
    const rc = (window as unknown as { rcmail?: { busy: boolean; env?: { task?: string } } }).rcmail;
    return !!rc?.env?.task && !rc.busy;
  });
}

/** Settings (task menu) → a section of the settings menu, by their visible words. */
export async function openSettingsSection(page: Page, w: RoundcubeWords, section: string) {
  await webmailIdle(page);
  // Menu entries are links with role=button (and a title), found by their visible word; while the
  // settings are shown, their task entry is disabled and the section menu is already there.
  if (!/_task=settings/.test(page.url())) {
    await page.locator("#taskmenu a", { hasText: new RegExp(`^${w.settings}$`) }).click();
    await page.waitForURL(/_task=settings/);
    await webmailIdle(page);
  }
  await page.locator("#settings-menu a", { hasText: new RegExp(`^${section}$`) }).click();
}

/** Settings → Password; returns where the password form is shown. */
export async function openPasswordForm(page: Page, w: RoundcubeWords): Promise<FormScope> {
  await openSettingsSection(page, w, w.passwordSection);
  return contentScope(page, (scope) => scope.getByLabel(w.next, { exact: true }));
}

/**
 * Roundcube shows a settings section in its content frame; a click before its scripts bound the
 * menu follows the link and shows the same section as the whole page. Either is what the user sees.
 */
export async function contentScope(page: Page, probe: (scope: FormScope) => Locator): Promise<FormScope> {
  const frame = page.frameLocator("#preferences-frame");
  for (let i = 0; i < 300; i++) {
    if (
      await probe(frame)
        .first()
        .isVisible()
        .catch(() => false)
    )
      return frame;
    if (await probe(page).first().isVisible()) return page;
    await page.waitForTimeout(100);
  }
  throw new Error("the settings section did not appear");
}

/** A message in Roundcube's message area (shown by the page also when the form is in the frame). */
export async function webmailMessage(page: Page, text: string) {
  await page.locator("#messagestack").getByText(text).first().waitFor();
}

/** Abmelden in the task menu, back at the login form. */
export async function webmailLogOut(page: Page, w: RoundcubeWords) {
  await webmailIdle(page);
  await page.locator("#taskmenu a", { hasText: new RegExp(`^${w.logout}$`) }).click();
  await page.getByLabel(w.user, { exact: true }).waitFor();
}

export async function submitPasswordForm(page: Page, frame: FormScope, w: RoundcubeWords, current: string, next: string) {
  await frame.getByLabel(w.current, { exact: true }).fill(current);
  await frame.getByLabel(w.next, { exact: true }).fill(next);
  await frame.getByLabel(w.confirm, { exact: true }).fill(next);
  // At a phone's width Roundcube hides the form's button and shows a toolbar link with the same word.
  await page
    .getByRole("button", { name: w.save })
    .or(frame.getByRole("button", { name: w.save }))
    .or(page.getByText(w.save, { exact: true }))
    .filter({ visible: true })
    .first()
    .click();
}
