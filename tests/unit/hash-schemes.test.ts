/**
 * Imported password hashes: recognised by scheme, stored in the form Dovecot reads, verified by Kontor
 * like Dovecot verifies them (vectors made by Dovecot 2.3's `doveadm pw` and the SHA-crypt
 * specification's own), and replaced by argon2id at the first login that shows the plaintext.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, mailboxes } from "@/db/schema";
import { recogniseHash, verifyImportedHash } from "@/lib/auth/hash-schemes";
import { attemptLogin } from "@/lib/auth/login-service";
import { verifyPassword } from "@/lib/auth/password-hash";
import { md5Crypt, shaCrypt } from "@/lib/auth/unix-crypt";
import { checkCurrentPassword } from "@/lib/services/recovery/reauth";
import { aDomainWithMailboxes, emptyDb } from "../support/factories";
import { firstRow } from "@/db/rows";

const OLD = "Alte-Passphrase-7!";
/** `doveadm pw -s <scheme> -p 'Alte-Passphrase-7!'` (Dovecot 2.3.19). */
const DOVEADM: [string, string, boolean][] = [
  ["MD5-CRYPT", "{MD5-CRYPT}$1$aZjufBrO$AW4WoPoEOobKew4n/wo09/", true],
  ["SHA256-CRYPT", "{SHA256-CRYPT}$5$dba9OzEGMG0jzEcX$Q2o7gaxIWOLEr8Drfx334Fjs7GUgBpqes14OiOU21q6", false],
  [
    "SHA512-CRYPT",
    "{SHA512-CRYPT}$6$wj1Y9CiyxdBcJnE2$QQMcKbX46.fttIWGLdhqeIptbgXdDWg7bvelJ7SDy7OhS3eP77.8.Xzm8NIimBxpCR2tCaabCieVpValtWdO..",
    false,
  ],
  ["BLF-CRYPT", "{BLF-CRYPT}$2y$05$GcSQyZ.S8dvsBIYgqEUVxejtiS/olKVutAE0.Kp/v/9zmFY6hbM2e", false],
  ["SSHA512", "{SSHA512}oVHDebdqSmv/GhZk1wsQddEcSC+HOBHuRq64r3QfouWW1QLVhTpFtZjyd5SvjkI71oBfALx9C7vJXnb6oRS2bWsuB5w=", true],
  ["SSHA256", "{SSHA256}yeNqOp8g0B87k5mmOWlhKfhVPnfdrWgvLdBacsYqcZTPTs7C", true],
  ["SSHA", "{SSHA}vKr3KJyWhQLDHpWcEcXGezVdkO2nKhKz", true],
  ["SHA512", "{SHA512}TvojT+AWGDGCY/IwHc7A/Hso5VCYaPdkab+AcYTi6URdwuvNQnSGPR9C9jkSBBIqNmI7gp6nk7aAXV+VcRJvtg==", true],
  ["SHA256", "{SHA256}zfo4+KEAtfoN0NGzUbzSfpBMEUY4Q+FwdIUj52cTdes=", true],
  ["SHA1", "{SHA1}0slCgWtdT2kyCG9W1PNeTm8qcRw=", true],
  ["PLAIN-MD5", "{PLAIN-MD5}e9015ff8642709d73241b0ce07176fcf", true],
  ["SMD5", "{SMD5}1s6jnl0NBolNcoXZik9gH363v/Y=", true],
  ["ARGON2I", "{ARGON2I}$argon2i$v=19$m=32768,t=4,p=1$ENwxfmUAQt8MRS8b/2TL+g$TDEBDprzHeXZT4Mjgao7PE9kP8JLpDm37I/tQJdCGWs", false],
];

describe("crypt(3) framing", () => {
  it("matches the SHA-crypt specification's vectors", () => {
    expect(shaCrypt("Hello world!", "$5$saltstring")).toBe("$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5");
    expect(shaCrypt("Hello world!", "$6$saltstring")).toBe(
      "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
    );
    expect(shaCrypt("Hello world!", "$6$rounds=10000$saltstringsaltstring")).toBe(
      "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.",
    );
  });

  it("matches Dovecot for rounds and non-ASCII passwords", () => {
    const h = "$6$rounds=7000$ljcXm7O0B5Mk7hcG$M0EE8gHmYirABi0qBYh148FHWcbodlo/CC0jMa6.fxqSN5TuolFdnhzQii/W.cMwvRZZJAjXyONGe6KhF/42f/";
    expect(shaCrypt("Grüße aus Köln 93", h)).toBe(h);
    expect(md5Crypt(OLD, "$1$aZjufBrO$")).toBe("$1$aZjufBrO$AW4WoPoEOobKew4n/wo09/");
  });

  it("refuses a SHA-crypt hash whose rounds would keep a CPU busy for minutes", () => {
    expect(shaCrypt("x", "$6$rounds=900000000$salt$")).toBeNull();
  });
});

describe("recogniseHash and verifyImportedHash", () => {
  it.each(DOVEADM)("%s: recognised, stored as is, the old password verifies and a wrong one does not", async (scheme, hash, weak) => {
    const r = recogniseHash(hash);
    expect(r).toEqual({ kind: "hash", scheme, stored: hash, weak });
    expect(await verifyImportedHash(hash, OLD)).toBe(true);
    expect(await verifyImportedHash(hash, `${OLD}x`)).toBe(false);
    expect(await verifyPassword(hash, OLD)).toBe(true);
  });

  it.each([
    ["$6$wj1Y9CiyxdBcJnE2$QQMcKbX46.fttIWGLdhqeIptbgXdDWg7bvelJ7SDy7OhS3eP77.8.Xzm8NIimBxpCR2tCaabCieVpValtWdO..", "SHA512-CRYPT"],
    ["{CRYPT}$1$aZjufBrO$AW4WoPoEOobKew4n/wo09/", "MD5-CRYPT"],
    ["{md5}$1$aZjufBrO$AW4WoPoEOobKew4n/wo09/", "MD5-CRYPT"],
    ["$2y$05$GcSQyZ.S8dvsBIYgqEUVxejtiS/olKVutAE0.Kp/v/9zmFY6hbM2e", "BLF-CRYPT"],
    ["{LDAP-MD5}6QFf+GQnCdcyQbDOBxdvzw==", "PLAIN-MD5"],
    ["{SHA256.HEX}cdfa38f8a100b5fa0dd0d1b351bcd27e904c11463843e170748523e7671375eb", "SHA256"],
  ])("%s is read as %s in a canonical form that still verifies", async (value, scheme) => {
    const r = recogniseHash(value);
    expect(r).toMatchObject({ kind: "hash", scheme });
    if (r.kind !== "hash") return;
    expect(r.stored.startsWith(`{${scheme}}`)).toBe(true);
    expect(await verifyImportedHash(r.stored, OLD)).toBe(true);
  });

  it.each([
    ["{NTLM}8846F7EAEE8FB117AD06BDD830B7586C", "unknownScheme"],
    ["{CRYPT}abJnggxhB/yWI", "unknownScheme"],
    ["5f4dcc3b5aa765d61d8327deb882cf99", "unknownScheme"],
    ["Passwort123", "unknownScheme"],
    ["{SHA512-CRYPT}$6$salt$short", "malformed"],
    ["{SHA256}AAAA", "malformed"],
    ["{PLAIN}", "malformed"],
  ])("%s is refused (%s)", (value, error) => {
    expect(recogniseHash(value)).toEqual({ kind: "error", error });
  });

  it("reads {PLAIN} as a password to hash, never a hash to store", () => {
    expect(recogniseHash("{PLAIN}Klartext-Passwort-1")).toEqual({ kind: "plaintext", password: "Klartext-Passwort-1" });
  });
});

describe("upgrade at the next login", () => {
  it("replaces an imported hash by argon2id without ending the mailbox's sessions", async () => {
    const { db } = await emptyDb();
    const { mailboxes: boxes } = await aDomainWithMailboxes(db, 1);
    const hash = DOVEADM[2][1];
    await db.update(mailboxes).set({ passwordHash: hash }).where(eq(mailboxes.id, boxes[0].id));
    const before = (await firstRow(db.select().from(mailboxes).where(eq(mailboxes.id, boxes[0].id))))!;

    expect(await attemptLogin({ area: "mailbox", identifier: boxes[0].address, password: "falsch", ip: "192.0.2.9" }, db)).toMatchObject({
      ok: false,
    });
    expect((await firstRow(db.select().from(mailboxes).where(eq(mailboxes.id, boxes[0].id))))!.passwordHash).toBe(hash);

    expect(await attemptLogin({ area: "mailbox", identifier: boxes[0].address, password: OLD, ip: "192.0.2.9" }, db)).toMatchObject({
      ok: true,
    });
    const after = (await firstRow(db.select().from(mailboxes).where(eq(mailboxes.id, boxes[0].id))))!;
    expect(after.passwordHash).toMatch(/^\{ARGON2ID\}\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(after.sessionVersion).toBe(before.sessionVersion);
    expect(await verifyPassword(after.passwordHash, OLD)).toBe(true);
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "password.hash_upgraded"));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].details)).toBe(JSON.stringify({ from: "SHA512-CRYPT" }));
  });

  it("also replaces it when the mailbox proves its password again before a sensitive change", async () => {
    const { db } = await emptyDb();
    const { mailboxes: boxes } = await aDomainWithMailboxes(db, 1);
    const hash = DOVEADM[2][1];
    await db.update(mailboxes).set({ passwordHash: hash }).where(eq(mailboxes.id, boxes[0].id));
    const row = async () => (await firstRow(db.select().from(mailboxes).where(eq(mailboxes.id, boxes[0].id))))!;
    const before = await row();

    expect(await checkCurrentPassword(boxes[0].actor, "falsch", "192.0.2.10", db)).toEqual({ ok: false, reason: "wrong" });
    expect((await row()).passwordHash).toBe(hash);
    expect(await checkCurrentPassword(boxes[0].actor, OLD, "192.0.2.10", db)).toMatchObject({ ok: true });
    const after = await row();
    expect(after.passwordHash).toMatch(/^\{ARGON2ID\}\$argon2id\$/);
    expect(after.sessionVersion).toBe(before.sessionVersion);
    expect(await verifyPassword(after.passwordHash, OLD)).toBe(true);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "password.hash_upgraded"))).toHaveLength(1);
  });
});
