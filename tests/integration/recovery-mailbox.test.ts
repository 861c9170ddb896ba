/**
 * The whole recovery path with the real parts: the request's mail goes over SMTP to the loopback sink,
 * the link from the received mail resets the mailbox password, and Dovecot accepts the new password at
 * once while the old one fails. With KONTOR_DOVECOT_RUNNING=1 it uses the runner's database and Dovecot;
 * otherwise it seeds a temp database and starts its own Dovecot. The sink is always its own, and so is
 * the mailbox (factories): the runner's database is shared, so no demo row is changed.
 */
import { eq } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import type { DovecotPorts } from "@/scripts/lib/dovecot-process";
import { sendMail, smtpSettingsFromEnv } from "@/lib/mail/smtp";
import { type RunningSink, startSmtpSink } from "@/scripts/lib/smtp-sink";
import { listSinkMails } from "@/lib/mail/sink-mailbox";
import { aDomainWithMailboxes, shareNumbering, TEST_PASSWORD } from "../support/factories";
import { imapLogin } from "../support/mail-clients";
import { type RunnerDovecot, runnerOrOwnDovecot } from "../support/runner-dovecot";
import { completePasswordReset } from "@/lib/services/recovery/redeem-link";
import { requestPasswordReset } from "@/lib/services/recovery/request-reset";

const NEW_PASSWORD = "Brandung-am-Leuchtturm-2026";
let mail: RunnerDovecot | undefined;
let db: Db;
let ports: DovecotPorts;
let tmp: string;
let sink: RunningSink;
/** A mailbox of a customer of this file's own. */
let MAILBOX = "";

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-recovery-"));
  fs.chmodSync(tmp, 0o755);
  mail = await runnerOrOwnDovecot("kontor-recovery-");
  ({ db, ports } = mail);
  shareNumbering(db);
  MAILBOX = (await aDomainWithMailboxes(db, 1, { localParts: ["info"] })).mailboxes[0].address;
  sink = await startSmtpSink({ dir: path.join(tmp, "mail-sink"), port: 0 });
});

afterAll(async () => {
  await mail?.stop();
  await sink?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("mailbox recovery over real SMTP and Dovecot", () => {
  it("mails a link to the recovery address; the new password works at IMAP at once", async () => {
    const smtp = smtpSettingsFromEnv({ KONTOR_SMTP_PORT: String(sink.port) });
    await db.update(schema.mailboxes).set({ recoveryEmail: "privat@example.org" }).where(eq(schema.mailboxes.address, MAILBOX));
    // No throttle to clear: the request's keys are this new mailbox's and an address no other test uses.

    const request = await requestPasswordReset({ area: "mailbox", identifier: MAILBOX, ip: "192.0.2.44", locale: "de" }, db);
    if (!request.ok || !request.mail) throw new Error("expected a mail");
    await sendMail(request.mail, smtp);
    const [received] = listSinkMails(path.join(tmp, "mail-sink"));
    expect(received.headers["x-sink-rcpt-to"]).toEqual(["privat@example.org"]);
    const token = /\/reset#([A-Za-z0-9_-]{43})/.exec(received.text)?.[1];
    expect(token).toBeDefined();

    expect(await imapLogin(MAILBOX, TEST_PASSWORD, ports.imap)).toBe(true);
    const notice = await completePasswordReset({ token: token ?? "", newPassword: NEW_PASSWORD, ip: "192.0.2.44", locale: "de" }, db);
    await sendMail(notice, smtp);
    expect(await imapLogin(MAILBOX, TEST_PASSWORD, ports.imap)).toBe(false);
    expect(await imapLogin(MAILBOX, NEW_PASSWORD, ports.imap)).toBe(true);
    const [changed] = listSinkMails(path.join(tmp, "mail-sink"));
    expect(changed.subject).toBe("Kontor: Ihr Passwort wurde geändert");
    expect(changed.to).toBe("privat@example.org");
    await expect(
      completePasswordReset({ token: token ?? "", newPassword: "Zweiter-Versuch-Mit-Altem-Link-1", ip: "192.0.2.44", locale: "de" }, db),
    ).rejects.toThrow("recovery.linkInvalid");
  });
});
