import { and, eq, like } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, authThrottle, mailboxes } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { recordFailure } from "@/lib/auth/throttle";
import { MIN_LENGTH } from "@/lib/password/policy";
import { changePasswordFromWebmail } from "@/lib/services/webmail/change-password";
import { webmailPasswordSchema } from "@/lib/validation/webmail";
import { isWebmailCaller } from "@/lib/webmail/caller";
import { phpString, renderRoundcubeMainConfig, renderRoundcubePasswordConfig } from "@/lib/webmail/roundcube-config";
import { aCustomerWithPackage, aDomainWithMailboxes, emptyDb, TEST_PASSWORD } from "../support/factories";
import { firstRow } from "@/db/rows";

let h: Awaited<ReturnType<typeof emptyDb>>;
const NEW = "Kieselstein-Abendrot-84?";
const ip = "198.51.100.9";
const input = (user: string, currentPassword: string, newPassword = NEW) =>
  webmailPasswordSchema.parse({ user, currentPassword, newPassword, language: "de_DE" });

beforeAll(() => {
  process.env.KONTOR_SIEVE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-webmail-"));
});

describe("who may call the webmail endpoint", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("takes the shared secret from loopback only, straight (no proxy hop)", () => {
    process.env.KONTOR_WEBMAIL_SECRET = "s3cret-shared-with-roundcube";
    delete process.env.KONTOR_WEBMAIL_ALLOWED_ADDRESSES;
    expect(isWebmailCaller("127.0.0.1", "Bearer s3cret-shared-with-roundcube")).toBe(true);
    expect(isWebmailCaller("::1", "Bearer s3cret-shared-with-roundcube")).toBe(true);
    expect(isWebmailCaller("127.0.0.1", "Bearer wrong")).toBe(false);
    expect(isWebmailCaller("127.0.0.1", null)).toBe(false);
    expect(isWebmailCaller("127.0.0.1", "Bearer ")).toBe(false);
    expect(isWebmailCaller("203.0.113.5", "Bearer s3cret-shared-with-roundcube")).toBe(false);
    expect(isWebmailCaller("203.0.113.5, 127.0.0.1", "Bearer s3cret-shared-with-roundcube")).toBe(false);
    expect(isWebmailCaller(null, "Bearer s3cret-shared-with-roundcube")).toBe(false);
  });

  it("accepts a configured webmail host", () => {
    process.env.KONTOR_WEBMAIL_SECRET = "another-secret";
    process.env.KONTOR_WEBMAIL_ALLOWED_ADDRESSES = "192.0.2.10, 192.0.2.11";
    expect(isWebmailCaller("192.0.2.11", "Bearer another-secret")).toBe(true);
    expect(isWebmailCaller("192.0.2.12", "Bearer another-secret")).toBe(false);
  });
});

describe("password change from the webmail", () => {
  const address = "anna@alpenblick.example";
  // Each test its own database: a changed password or a throttle row must not meet the next test.
  beforeEach(async () => {
    h = await emptyDb();
    await aDomainWithMailboxes(h.db, 1, { sub: await aCustomerWithPackage(h.db, { domain: "alpenblick.example" }), localParts: ["anna"] });
  });
  const id = async () => (await firstRow(h.db.select().from(mailboxes).where(eq(mailboxes.address, address))))!.id;

  it("refuses a wrong current password and counts it toward the lock", async () => {
    const result = await changePasswordFromWebmail(input(address, "Falsch-Falsch-Falsch"), ip, "de", h.db);
    expect(result).toEqual({ ok: false, reason: "currentWrong", messageKeys: ["password.errors.currentWrong"] });
    const keys = (await h.db.select().from(authThrottle).where(like(authThrottle.key, "mailbox-password%"))).map((r) => r.key).sort();
    expect(keys).toEqual([`mailbox-password-ip:${ip}`, `mailbox-password:${await id()}`]);
  });

  it("answers an unknown address like a wrong password", async () => {
    const result = await changePasswordFromWebmail(input("niemand@alpenblick.example", TEST_PASSWORD), "198.51.100.10", "de", h.db);
    expect(result).toMatchObject({ ok: false, reason: "currentWrong" });
  });

  it("gives the policy's reasons", async () => {
    expect(await changePasswordFromWebmail(input(address, TEST_PASSWORD, "kurz"), ip, "de", h.db)).toMatchObject({
      ok: false,
      reason: "policy",
      messageKeys: expect.arrayContaining(["password.errors.tooShort"]) as string[],
    });
    expect(await changePasswordFromWebmail(input(address, TEST_PASSWORD, "1qaz2wsx3edc4rfv"), ip, "de", h.db)).toMatchObject({
      ok: false,
      reason: "policy",
      messageKeys: ["password.errors.common"],
    });
    expect(await changePasswordFromWebmail(input(address, TEST_PASSWORD, "anna-alpenblick-2024-Sommer"), ip, "de", h.db)).toMatchObject({
      ok: false,
      reason: "policy",
      messageKeys: expect.arrayContaining(["password.errors.containsName"]) as string[],
    });
  });

  it("says locked once the lock holds, even with the right password", async () => {
    const other = "198.51.100.11";
    for (let i = 0; i < 10; i++) await recordFailure(h.db, [`mailbox-password-ip:${other}`]);
    expect(await changePasswordFromWebmail(input(address, TEST_PASSWORD), other, "de", h.db)).toEqual({
      ok: false,
      reason: "locked",
      messageKeys: ["mailboxSettings.errors.throttled"],
    });
  });

  it("changes the password through the mailbox's own service: hash, sessions, audit via webmail, notice", async () => {
    const before = (await firstRow(
      h.db
        .select()
        .from(mailboxes)
        .where(eq(mailboxes.id, await id())),
    ))!;
    const result = await changePasswordFromWebmail(input(address, TEST_PASSWORD), ip, "it", h.db);
    expect(result.ok).toBe(true);
    const after = (await firstRow(
      h.db
        .select()
        .from(mailboxes)
        .where(eq(mailboxes.id, await id())),
    ))!;
    expect(await verifyPassword(after.passwordHash, NEW)).toBe(true);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    const audit = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "mailbox.password.self"), eq(auditLog.targetLabel, address)));
    expect(audit.map((a) => a.details)).toEqual([{ via: "webmail" }]);
    expect(JSON.stringify(audit)).not.toContain(NEW);
    if (!result.ok) throw new Error("unreachable");
    expect(result.notice.to).toBe(after.recoveryEmail || address);
    expect(result.notice.text).not.toContain(NEW);
  });

  it("validates the request", () => {
    expect(webmailPasswordSchema.safeParse({ user: "a@b.example", currentPassword: "x", newPassword: "y", extra: 1 }).success).toBe(false);
    expect(webmailPasswordSchema.safeParse({ user: "a@b.example", currentPassword: "", newPassword: "y" }).success).toBe(false);
    expect(
      webmailPasswordSchema.safeParse({ user: "a@b.example", currentPassword: "x", newPassword: "y", clientIp: "not an ip" }).success,
    ).toBe(false);
  });
});

describe("Roundcube's configuration", () => {
  const config = {
    dir: "/srv/rc",
    imapPort: 10143,
    submissionPort: 10587,
    kontorApiBase: "http://127.0.0.1:3000/",
    kontorPublicUrl: "https://kontor.example",
    secret: "it's\\secret",
    desKey: "x".repeat(24),
  };

  it("asks for Kontor's minimum length and sends changes to Kontor with the secret, quoted for PHP", () => {
    const php = renderRoundcubePasswordConfig(config);
    expect(php).toContain(`$config['password_minimum_length'] = ${MIN_LENGTH};`);
    expect(php).toContain("$config['password_driver'] = 'kontor';");
    expect(php).toContain("$config['password_confirm_current'] = true;");
    expect(php).toContain("$config['kontor_api_url'] = 'http://127.0.0.1:3000/api/webmail/password';");
    expect(php).toContain(`$config['kontor_api_secret'] = 'it\\'s\\\\secret';`);
    expect(phpString("a'b\\c")).toBe("'a\\'b\\\\c'");
  });

  it("logs in at Kontor's Dovecot and keeps its database under its folder", () => {
    const php = renderRoundcubeMainConfig(config);
    expect(php).toContain("$config['imap_host'] = '127.0.0.1:10143';");
    expect(php).toContain("$config['smtp_host'] = '127.0.0.1:10587';");
    expect(php).toContain("$config['db_dsnw'] = 'sqlite:////srv/rc/db/roundcube.db?mode=0600';");
    expect(php).toContain("$config['plugins'] = ['password', 'kontor'];");
  });
});
