/**
 * The whole recovery path with the real parts: the request's mail goes over SMTP to the loopback sink,
 * the link from the received mail resets the mailbox password, and Dovecot accepts the new password at
 * once while the old one fails. With KONTOR_DOVECOT_RUNNING=1 it uses the runner's database and Dovecot;
 * otherwise it seeds a temp database and starts its own Dovecot. The sink is always its own.
 */
import { drizzle } from "drizzle-orm/better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/db/migrate";
import { openSqlite } from "@/db/open";
import * as schema from "@/db/schema";
import { DEMO_PASSWORD, seedDemo } from "@/db/seed";
import { databasePath } from "@/lib/config";
import { type DovecotPorts, freePort, portsFromEnv, startDovecot, stopDovecot } from "@/lib/mail/dovecot-process";
import { sendMail, smtpSettingsFromEnv } from "@/lib/mail/smtp";
import { type RunningSink, startSmtpSink } from "@/lib/mail/smtp-sink";
import { listSinkMails } from "@/lib/mail/sink-mailbox";
import { imapLogin } from "../support/mail-clients";
import { completePasswordReset } from "@/lib/services/recovery/redeem-link";
import { requestPasswordReset } from "@/lib/services/recovery/request-reset";

const MAILBOX = "info@suedwind-kunde.example";
const NEW_PASSWORD = "Brandung-am-Leuchtturm-2026";
let dbPath = "";
let ports: DovecotPorts;
let tmp: string;
let ownDovecot = false;
let sink: RunningSink;
let sqlite: ReturnType<typeof openSqlite>;
let saved: { password_hash: string; recovery_email: string | null };

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-recovery-"));
  fs.chmodSync(tmp, 0o755);
  if (process.env.KONTOR_DOVECOT_RUNNING === "1") {
    dbPath = path.resolve(databasePath());
    ports = portsFromEnv();
  } else {
    ownDovecot = true;
    dbPath = path.join(tmp, "kontor.db");
    const seedDb = openSqlite(dbPath);
    applyMigrations(seedDb);
    await seedDemo(drizzle(seedDb, { schema }));
    seedDb.close();
    ports = { imap: await freePort(), submission: await freePort(), lmtp: await freePort() };
    await startDovecot({ dbPath, dir: path.join(tmp, "dovecot"), ports });
  }
  sink = await startSmtpSink({ dir: path.join(tmp, "mail-sink"), port: 0 });
  sqlite = openSqlite(dbPath);
  saved = sqlite.prepare("SELECT password_hash, recovery_email FROM mailboxes WHERE address = ?").get(MAILBOX) as typeof saved;
  expect(saved).toBeDefined();
});

afterAll(async () => {
  if (saved)
    sqlite
      .prepare("UPDATE mailboxes SET password_hash = ?, recovery_email = ? WHERE address = ?")
      .run(saved.password_hash, saved.recovery_email, MAILBOX);
  sqlite?.close();
  await sink?.close();
  if (ownDovecot) await stopDovecot(path.join(tmp, "dovecot"));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("mailbox recovery over real SMTP and Dovecot", () => {
  it("mails a link to the recovery address; the new password works at IMAP at once", async () => {
    const db = drizzle(sqlite, { schema });
    const smtp = smtpSettingsFromEnv({ KONTOR_SMTP_PORT: String(sink.port) });
    sqlite.prepare("UPDATE mailboxes SET recovery_email = ? WHERE address = ?").run("privat@example.org", MAILBOX);
    await db.delete(schema.authThrottle);

    const request = await requestPasswordReset({ area: "mailbox", identifier: MAILBOX, ip: "192.0.2.44", locale: "de" }, db);
    if (!request.ok || !request.mail) throw new Error("expected a mail");
    await sendMail(request.mail, smtp);
    const [received] = listSinkMails(path.join(tmp, "mail-sink"));
    expect(received.headers["x-sink-rcpt-to"]).toEqual(["privat@example.org"]);
    const token = /\/reset#([A-Za-z0-9_-]{43})/.exec(received.text)?.[1];
    expect(token).toBeDefined();

    expect(await imapLogin(MAILBOX, DEMO_PASSWORD, ports.imap)).toBe(true);
    const notice = await completePasswordReset({ token: token ?? "", newPassword: NEW_PASSWORD, ip: "192.0.2.44", locale: "de" }, db);
    await sendMail(notice, smtp);
    expect(await imapLogin(MAILBOX, DEMO_PASSWORD, ports.imap)).toBe(false);
    expect(await imapLogin(MAILBOX, NEW_PASSWORD, ports.imap)).toBe(true);
    const [changed] = listSinkMails(path.join(tmp, "mail-sink"));
    expect(changed.subject).toBe("Kontor: Ihr Passwort wurde geändert");
    expect(changed.to).toBe("privat@example.org");
    await expect(
      completePasswordReset({ token: token ?? "", newPassword: "Zweiter-Versuch-Mit-Altem-Link-1", ip: "192.0.2.44", locale: "de" }, db),
    ).rejects.toThrow("recovery.linkInvalid");
  });
});
