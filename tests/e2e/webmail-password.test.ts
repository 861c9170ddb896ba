/**
 * Seed 000, "Änderung des Passworts" in the web mailer, in the real Roundcube that test-all.sh
 * started (Debian's packages, our config): log in with the address, Einstellungen → Passwort, the new
 * password twice, Speichern, Abmelden, log in again with the new one. Kontor changed it: Dovecot
 * takes the new one over IMAP and SMTP and refuses the old. Refusals (wrong current password, too
 * short, common, locked, Kontor unreachable) show their message and change nothing. Italian too.
 * Every test builds its own mailbox.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, portsFromEnv } from "@/scripts/lib/dovecot-process";
import { startRoundcube, stopRoundcube } from "@/scripts/lib/roundcube-process";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { waitForSinkMail } from "../support/mailbox-delivery";
import { BASE_URL, launchChromium, logIn } from "./support/browser";
import {
  GERMAN,
  ITALIAN,
  WEBMAIL_URL,
  auditEntries,
  contentScope,
  createTestMailbox,
  lockPasswordChange,
  openPasswordForm,
  openSettingsSection,
  removeTestMailbox,
  submitPasswordForm,
  webmailIdle,
  webmailLogIn,
  webmailLogOut,
  webmailMessage,
} from "./support/webmail";

const OLD = "Tannenzapfen-Morgentau-31!";
const NEW = "Kieselstein-Abendrot-84?";
let browser: Browser;
const created: string[] = [];

async function mailbox(recovery: string | null = null) {
  const address = await createTestMailbox(OLD, recovery);
  created.push(address);
  return address;
}

async function newPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale });
  return context.newPage();
}

async function expectDovecotTakes(address: string, good: string, bad: string) {
  expect(await imapLogin(address, good, undefined, "LOGIN")).toBe(true);
  expect(await submissionLogin(address, good)).toBe(true);
  expect(await imapLogin(address, bad, undefined, "LOGIN")).toBe(false);
  expect(await submissionLogin(address, bad)).toBe(false);
}

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const address of created) await removeTestMailbox(address);
});

describe("password change in Roundcube (seed 000)", () => {
  it("follows the help page word for word and the mail programs need the new password", async () => {
    const recovery = `notice-${Date.now()}@example.org`;
    const address = await mailbox(recovery);
    const page = await newPage("de-DE");
    // 2. Benutzername = E-Mail-Adresse, Passwort
    await webmailLogIn(page, GERMAN, address, OLD);
    await page.waitForURL(/_task=mail/);
    // 4. Einstellungen, then Passwort in the menu on the left
    const form = await openPasswordForm(page, GERMAN);
    // The hints agree with Kontor's policy.
    await expect(form.getByText("Passwort muss mindestens 15 Zeichen lang sein.").first().isVisible()).resolves.toBe(true);
    // 5. the new password twice, Speichern
    await submitPasswordForm(page, form, GERMAN, OLD, NEW);
    await webmailMessage(page, "Erfolgreich gespeichert.");
    const next = form.locator("#kontor-password-changed");
    await expect(next.getByText("sowohl für den Abruf (IMAP) als auch für den Versand (SMTP)", { exact: false }).isVisible()).resolves.toBe(
      true,
    );
    expect(await next.getByRole("link", { name: "Automatische Einrichtung des E-Mail-Programms" }).getAttribute("href")).toBe(
      `${process.env.KONTOR_PUBLIC_URL ?? BASE_URL}/mailbox/setup`,
    );
    // Abmelden, and in again with the new password
    await webmailLogOut(page, GERMAN);
    await webmailLogIn(page, GERMAN, address, NEW);
    await page.waitForURL(/_task=mail/);
    await webmailIdle(page);
    // 6. the mail program: IMAP and SMTP take the new password only
    await expectDovecotTakes(address, NEW, OLD);
    // Kontor's side: one audit entry "via webmail", and the notice mail to the recovery address.
    expect((await auditEntries(address)).map((e) => e.details)).toEqual([{ via: "webmail" }]);
    expect(await waitForSinkMail(process.env.KONTOR_MAIL_SINK_DIR ?? "", recovery)).not.toBeNull();
    await page.context().close();
  });

  it("refuses a wrong current password, a short and a common one, and a locked account; the old password stays", async () => {
    const address = await mailbox();
    const page = await newPage("de-DE");
    await webmailLogIn(page, GERMAN, address, OLD);
    await page.waitForURL(/_task=mail/);
    const form = await openPasswordForm(page, GERMAN);

    await submitPasswordForm(page, form, GERMAN, "Falsches-Passwort-Heute-1", NEW);
    await webmailMessage(page, "Das aktuelle Passwort ist nicht korrekt.");
    await submitPasswordForm(page, form, GERMAN, OLD, "Kurz-7?");
    await webmailMessage(page, "Passwort muss mindestens 15 Zeichen lang sein.");
    await submitPasswordForm(page, form, GERMAN, OLD, "1qaz2wsx3edc4rfv");
    await webmailMessage(page, "Dieses Passwort ist weit verbreitet");
    await lockPasswordChange(address);
    await submitPasswordForm(page, form, GERMAN, OLD, NEW);
    await webmailMessage(page, "Zu viele falsche Versuche.");

    await expectDovecotTakes(address, OLD, NEW);
    expect(await imapLogin(address, "1qaz2wsx3edc4rfv", undefined, "LOGIN")).toBe(false);
    expect(await auditEntries(address)).toEqual([]);
    await page.context().close();
  });

  it("says so when Kontor cannot be reached, and changes nothing", async () => {
    const address = await mailbox();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-rc-"));
    const port = await freePort();
    const closed = await freePort();
    const ports = portsFromEnv();
    const { url } = await startRoundcube({
      dir,
      port,
      imapPort: ports.imap,
      submissionPort: ports.submission,
      kontorApiBase: `http://127.0.0.1:${closed}`,
      kontorPublicUrl: BASE_URL,
      secret: "not-used",
    });
    try {
      const page = await newPage("de-DE");
      await webmailLogIn(page, GERMAN, address, OLD, url);
      await page.waitForURL(/_task=mail/);
      const form = await openPasswordForm(page, GERMAN);
      await submitPasswordForm(page, form, GERMAN, OLD, NEW);
      await webmailMessage(page, "Die Postfach-Verwaltung ist gerade nicht erreichbar.");
      await page.context().close();
    } finally {
      await stopRoundcube(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await expectDovecotTakes(address, OLD, NEW);
  });

  it("shows the same path in Italian", async () => {
    const address = await mailbox();
    const page = await newPage("it-IT");
    await webmailLogIn(page, ITALIAN, address, OLD);
    await page.waitForURL(/_task=mail/);
    const form = await openPasswordForm(page, ITALIAN);
    await submitPasswordForm(page, form, ITALIAN, "Password-sbagliata-di-oggi", NEW);
    await webmailMessage(page, "La password attuale non è corretta.");
    await submitPasswordForm(page, form, ITALIAN, OLD, NEW);
    await webmailMessage(page, "Salvato correttamente.");
    await expect(form.getByText("La sua password è stata modificata.").isVisible()).resolves.toBe(true);
    await webmailLogOut(page, ITALIAN);
    await webmailLogIn(page, ITALIAN, address, NEW);
    await page.waitForURL(/_task=mail/);
    await expectDovecotTakes(address, NEW, OLD);
    await page.context().close();
  });
});

describe("links between Kontor and Roundcube", () => {
  it("Kontor's mailbox self-service opens the webmail, and Roundcube's settings lead back", async () => {
    const address = await mailbox();
    const page = await newPage("de-DE");
    await logIn(page, address, OLD, "einzelne Mailbox");
    await page.waitForURL(/\/mailbox/);
    const webmail = page.getByRole("link", { name: /^Webmail/ });
    expect(await webmail.getAttribute("href")).toBe(`${WEBMAIL_URL}?_user=${encodeURIComponent(address)}`);

    await webmailLogIn(page, GERMAN, address, OLD);
    await page.waitForURL(/_task=mail/);
    await openSettingsSection(page, GERMAN, "Weiterleitung, Spamfilter & Abwesenheit");
    const links = (await contentScope(page, (scope) => scope.locator("#kontor-links"))).locator("#kontor-links");
    const base = process.env.KONTOR_PUBLIC_URL ?? BASE_URL;
    expect(await links.getByRole("link", { name: "Weiterleitungen" }).getAttribute("href")).toBe(`${base}/mailbox/forwards`);
    expect(await links.getByRole("link", { name: "Spamfilter einstellen" }).getAttribute("href")).toBe(`${base}/mailbox/spam`);
    expect(await links.getByRole("link", { name: "Abwesenheitsnotiz" }).getAttribute("href")).toBe(`${base}/mailbox/autoresponder`);
    await page.context().close();
  });
});
