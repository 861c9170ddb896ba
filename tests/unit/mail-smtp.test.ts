import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendMail, type SmtpSettings, smtpSettingsFromEnv } from "@/lib/mail/smtp";
import { type RunningSink, startSmtpSink } from "@/scripts/lib/smtp-sink";
import { listSinkMails } from "@/lib/mail/sink-mailbox";
import { renderPasswordChangedMail, renderResetLinkMail } from "@/lib/mail/templates/recovery-mails";
import { mailboxRecoverySchema, stammdatenSchema, supportLinkSchema } from "@/lib/validation/recovery";

let dir: string;
let sink: RunningSink;
let settings: SmtpSettings;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-sink-"));
  sink = await startSmtpSink({ dir, port: 0 });
  settings = smtpSettingsFromEnv({ KONTOR_SMTP_PORT: String(sink.port) });
});
afterAll(async () => {
  await sink.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const INJECTED = "Kunde\r\nBcc: attacker@evil.example\r\nX-Evil: 1";

describe("outgoing mail over SMTP", () => {
  it("defaults to the loopback sink and reads the relay from the environment", () => {
    expect(smtpSettingsFromEnv({})).toMatchObject({ host: "127.0.0.1", port: 10025, secure: false });
    expect(
      smtpSettingsFromEnv({ KONTOR_SMTP_HOST: "smtp.example", KONTOR_SMTP_PORT: "465", KONTOR_SMTP_SECURE: "1", KONTOR_SMTP_USER: "u" }),
    ).toMatchObject({ host: "smtp.example", port: 465, secure: true, user: "u" });
    expect(() => smtpSettingsFromEnv({ KONTOR_SMTP_PORT: "99999" })).toThrow();
  });

  it("delivers a reset mail that the sink stores and the reader decodes", async () => {
    const link = "https://panel.example/reset#" + "A".repeat(43);
    await sendMail(renderResetLinkMail({ to: "kunde@kontor.example", account: "kunde@kontor.example", link, locale: "de" }), settings);
    const [mail] = listSinkMails(dir);
    expect(mail.subject).toBe("Kontor: Link zum Zurücksetzen Ihres Passworts");
    expect(mail.to).toBe("kunde@kontor.example");
    expect(mail.text).toContain(link);
    expect(mail.text).toContain("für das Konto");
  });

  it("keeps CR/LF out of headers: no extra recipient, no injected header", async () => {
    await expect(
      sendMail({ to: "kunde@kontor.example\r\nBcc: attacker@evil.example", subject: "x", text: "x" }, settings),
    ).rejects.toThrow();
    await expect(
      sendMail({ to: "kunde@kontor.example", subject: "Hallo\r\nBcc: attacker@evil.example", text: "x" }, settings),
    ).rejects.toThrow();
    const before = listSinkMails(dir).length;
    // A hostile account name reaches only the body, and stays inert text.
    await sendMail(
      renderPasswordChangedMail({
        to: "kunde@kontor.example",
        account: `${INJECTED} {{7*7}} \${x} {account}`,
        at: new Date("2026-01-02T03:04:00Z"),
        locale: "en",
      }),
      settings,
    );
    const mails = listSinkMails(dir);
    expect(mails).toHaveLength(before + 1);
    const [mail] = mails;
    expect(mail.headers["x-sink-rcpt-to"]).toEqual(["kunde@kontor.example"]);
    expect(mail.headers.bcc).toBeUndefined();
    expect(mail.headers["x-evil"]).toBeUndefined();
    expect(mail.text).toContain("{{7*7}}");
    expect(mail.text).not.toContain("49");
  });

  it("refuses line breaks in every address and Stammdaten field before they reach a mail", () => {
    expect(mailboxRecoverySchema.safeParse({ address: "a@example.org\r\nBcc: b@evil.example", currentPassword: "x" }).success).toBe(false);
    expect(
      supportLinkSchema.safeParse({
        kind: "user",
        identifier: "K10001",
        recipient: "new",
        newAddress: "a@example.org\nBcc: b@x.example",
        reason: "Ticket 42, Ausweis geprüft",
      }).success,
    ).toBe(false);
    const stammdaten = {
      company: "",
      contactName: "Max",
      street: "",
      postalCode: "",
      city: "",
      phone: "",
      contactEmail: "max@example.org",
    };
    expect(stammdatenSchema.safeParse(stammdaten).success).toBe(true);
    expect(stammdatenSchema.safeParse({ ...stammdaten, contactName: INJECTED }).success).toBe(false);
    expect(stammdatenSchema.safeParse({ ...stammdaten, contactEmail: "max@example.org\r\nBcc: x@evil.example" }).success).toBe(false);
  });
});
