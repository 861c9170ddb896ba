/**
 * AU-09: passwords set through the panel that look like Dovecot syntax (spaces, quotes, backslashes,
 * `%` variables, `key=value` pairs) or are very long work at Dovecot exactly as typed, over IMAP LOGIN
 * (quoted/literal strings), IMAP AUTHENTICATE PLAIN and SMTP submission; the old password fails at once;
 * the row holds only the {ARGON2ID} hash. Control characters and passwords too long for SMTP AUTH PLAIN
 * (a 1,024-character one got "500 5.5.2 Line too long" from Dovecot's submission) are refused before that.
 * Runs its own Dovecot; the mailbox is one the file builds (factories).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { setPassword } from "@/lib/services/passwords/set-password";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";
import { firstRow } from "@/db/rows";
import { aDomainWithMailboxes, TEST_PASSWORD } from "../support/factories";

let env: SeededDovecot;
/** The one mailbox every case changes: each case's old password is the one set last, whatever the order. */
let ADDRESS = "";
beforeAll(async () => {
  env = await startSeededDovecot("kontor-interop-");
  ADDRESS = (await aDomainWithMailboxes(env.db, 1, { localParts: ["anna"] })).mailboxes[0].address;
});
afterAll(async () => {
  await env?.stop();
});

const mailbox = async () => (await firstRow(env.db.select().from(schema.mailboxes).where(eq(schema.mailboxes.address, ADDRESS))))!;
const long = (n: number) => Array.from({ length: n }, (_, i) => "Wz7#kLq2$Rv9!mNx4&Tp"[(i * 7 + Math.floor(i / 20)) % 20]).join("");

const imap = (pass: string, loginMethod: "LOGIN" | "AUTH=PLAIN") => imapLogin(ADDRESS, pass, env.ports.imap, loginMethod);

describe("passwords that look like Dovecot syntax", () => {
  let previous = TEST_PASSWORD;
  it.each([
    ['Leer zeichen "Zitat" \\Backslash 42'],
    ["x nopassword=y Lange-Passphrase-91"],
    ["123 mail_crypt_save_version=0 Bergsee-17"],
    ["Prozent%u%d%n%{password}-Kette-58"],
    ["'Apostroph'=Gleich=Zeichen {PLAIN}Folge-63"],
    [long(64)],
    [long(256)],
    [long(480)],
  ])("%j works as typed at IMAP LOGIN, AUTHENTICATE PLAIN and submission; the old one fails", async (password) => {
    const m = await mailbox();
    await setPassword({ kind: "mailbox", id: m.id }, password, { actor: null, ip: "192.0.2.77", action: "mailbox.password.set" }, env.db);
    const hash = (await mailbox()).passwordHash;
    expect(hash).toMatch(/^\{ARGON2ID\}\$argon2id\$/);
    expect(hash).not.toContain(password.slice(0, 12));
    expect(await imap(password, "LOGIN")).toBe(true);
    expect(await imap(password, "AUTH=PLAIN")).toBe(true);
    expect(await submissionLogin(ADDRESS, password, env.ports.submission)).toBe(true);
    expect(await imap(previous, "LOGIN")).toBe(false);
    // A truncated or differently quoted variant must not work either.
    expect(await imap(password.slice(0, -1), "AUTH=PLAIN")).toBe(false);
    previous = password;
  });

  it("refuses a 1,024-character password, which SMTP submission could not take", async () => {
    const error = await setPassword(
      { kind: "mailbox", id: (await mailbox()).id },
      long(1024),
      { actor: null, ip: "192.0.2.77", action: "mailbox.password.set" },
      env.db,
    ).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors?.newPassword).toContain("password.errors.tooLong");
  });

  it.each(["Tab\tgetrennt nopassword=y 42", "Zeile\nuser=postmaster@example.org", "Null\u0000byte Passphrase-88"])(
    "refuses %j (control characters) before anything is written",
    async (password) => {
      const before = (await mailbox()).passwordHash;
      const error = await setPassword(
        { kind: "mailbox", id: (await mailbox()).id },
        password,
        { actor: null, ip: "192.0.2.77", action: "mailbox.password.set" },
        env.db,
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors?.newPassword).toContain("password.errors.controlCharacter");
      expect((await mailbox()).passwordHash).toBe(before);
    },
  );
});
