/**
 * Real Dovecot against Kontor's database: what the panel writes is what IMAP and submission accept.
 * With KONTOR_DOVECOT_RUNNING=1 it uses the instance and database the test runner started (SQLite or
 * PostgreSQL, KONTOR_*_PORT); otherwise it seeds a database and starts its own Dovecot on free ports.
 * Every test builds its own customer with the factories: the runner's database is shared, so no demo
 * row is changed and nothing has to be put back.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import type { DovecotPorts } from "@/scripts/lib/dovecot-process";
import { aDomainWithMailboxes, aMailAccount, shareNumbering, TEST_PASSWORD } from "../support/factories";
import { imapLogin as imapAt, submissionLogin as submissionAt } from "../support/mail-clients";
import { type RunnerDovecot, runnerOrOwnDovecot } from "../support/runner-dovecot";

const WRONG = `${TEST_PASSWORD}x`;

let mail: RunnerDovecot | undefined;
let db: Db;
let ports: DovecotPorts;
const { mailboxes } = schema;

beforeAll(async () => {
  mail = await runnerOrOwnDovecot("kontor-dovecot-");
  ({ db, ports } = mail);
  shareNumbering(db);
});

afterAll(async () => {
  await mail?.stop();
});

/** A mailbox of a new customer of this file's own. */
const aMailbox = async (localPart = "info") => (await aDomainWithMailboxes(db, 1, { localParts: [localPart] })).mailboxes[0].address;

/** Writes the row past every service, as an import or a hand edit would; Dovecot must follow at once. */
async function updateMailbox(address: string, set: { passwordHash?: string; enabled?: boolean }) {
  const changed = await db.update(mailboxes).set(set).where(eq(mailboxes.address, address)).returning({ id: mailboxes.id });
  expect(changed).toHaveLength(1);
}

const imapLogin = (user: string, pass: string) => imapAt(user, pass, ports.imap);
const submissionAuth = (user: string, pass: string) => submissionAt(user, pass, ports.submission);

describe("IMAP login against the passdb view", () => {
  it("accepts a mailbox and a mail account, refuses a wrong password", async () => {
    const address = await aMailbox();
    const { admin } = await aMailAccount(db);
    expect(await imapLogin(address, TEST_PASSWORD)).toBe(true);
    expect(await imapLogin(admin.login, TEST_PASSWORD)).toBe(true);
    expect(await imapLogin(address, WRONG)).toBe(false);
  });

  it("uses a changed hash at the very next login and refuses the old password", async () => {
    const changed = await aMailbox();
    const next = "Neues-Passwort-fuer-Anna-7";
    expect(await imapLogin(changed, TEST_PASSWORD)).toBe(true);
    await updateMailbox(changed, { passwordHash: await hashPassword(next) });
    // Old password first: with an auth cache, Dovecot would still accept it from the cache
    // (a mismatch with the cached hash, as the new password causes, refreshes the entry).
    expect(await imapLogin(changed, TEST_PASSWORD)).toBe(false);
    expect(await imapLogin(changed, next)).toBe(true);
  });

  it("refuses a disabled mailbox", async () => {
    const disabled = await aMailbox();
    expect(await imapLogin(disabled, TEST_PASSWORD)).toBe(true);
    await updateMailbox(disabled, { enabled: false });
    expect(await imapLogin(disabled, TEST_PASSWORD)).toBe(false);
  });

  it("accepts a non-ASCII password hashed by the panel (same UTF-8 bytes)", async () => {
    const unicode = await aMailbox();
    const password = "Grüße-aus-Köln-✓-2026";
    await updateMailbox(unicode, { passwordHash: await hashPassword(password) });
    expect(await imapLogin(unicode, password)).toBe(true);
    expect(await imapLogin(unicode, password.normalize("NFD"))).toBe(false);
  });
});

describe("SMTP submission AUTH", () => {
  it("accepts a mailbox and a mail account, refuses a wrong password", async () => {
    const address = await aMailbox("max.mustermann");
    const { admin } = await aMailAccount(db);
    expect(await submissionAuth(address, TEST_PASSWORD)).toBe(true);
    expect(await submissionAuth(admin.login, TEST_PASSWORD)).toBe(true);
    expect(await submissionAuth(address, WRONG)).toBe(false);
  });
});
