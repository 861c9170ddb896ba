/**
 * Real Dovecot against Kontor's database: what the panel writes is what IMAP and submission accept.
 * With KONTOR_DOVECOT_RUNNING=1 it uses the instance and database the test runner started (SQLite or
 * PostgreSQL, KONTOR_*_PORT); otherwise it seeds a database and starts its own Dovecot on free ports.
 */
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import * as schema from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import { hashPassword } from "@/lib/auth/password-hash";
import type { DovecotPorts } from "@/scripts/lib/dovecot-process";
import { imapLogin as imapAt, submissionLogin as submissionAt } from "../support/mail-clients";
import { type RunnerDovecot, runnerOrOwnDovecot } from "../support/runner-dovecot";

const WRONG = "Sonnenblume-Wiese-43!";
// Mailboxes this file changes; their rows are restored in afterAll because the runner's DB is shared.
const CHANGED = "anna@alpenblick.example";
const DISABLED = "info@bergsee.example";
const UNICODE = "info@zweite-firma.example";

let mail: RunnerDovecot | undefined;
let db: Db;
let ports: DovecotPorts;
const { mailboxes } = schema;
const saved: { address: string; passwordHash: string; enabled: boolean }[] = [];

beforeAll(async () => {
  mail = await runnerOrOwnDovecot("kontor-dovecot-");
  ({ db, ports } = mail);
  const rows = await db
    .select({ address: mailboxes.address, passwordHash: mailboxes.passwordHash, enabled: mailboxes.enabled })
    .from(mailboxes)
    .where(inArray(mailboxes.address, [CHANGED, DISABLED, UNICODE]));
  saved.push(...rows);
  expect(saved).toHaveLength(3);
});

afterAll(async () => {
  for (const { address, passwordHash, enabled } of saved) {
    await db.update(mailboxes).set({ passwordHash, enabled }).where(eq(mailboxes.address, address));
  }
  await mail?.stop();
});

/** Writes the row past every service, as an import or a hand edit would; Dovecot must follow at once. */
async function updateMailbox(address: string, set: { passwordHash?: string; enabled?: boolean }) {
  const changed = await db.update(mailboxes).set(set).where(eq(mailboxes.address, address)).returning({ id: mailboxes.id });
  expect(changed).toHaveLength(1);
}

const imapLogin = (user: string, pass: string) => imapAt(user, pass, ports.imap);
const submissionAuth = (user: string, pass: string) => submissionAt(user, pass, ports.submission);

describe("IMAP login against the passdb view", () => {
  it("accepts a demo mailbox and a mail account, refuses a wrong password", async () => {
    expect(await imapLogin("info@alpenblick.example", DEMO_PASSWORD)).toBe(true);
    expect(await imapLogin("k10001.001", DEMO_PASSWORD)).toBe(true);
    expect(await imapLogin("info@alpenblick.example", WRONG)).toBe(false);
  });

  it("uses a changed hash at the very next login and refuses the old password", async () => {
    const next = "Neues-Passwort-fuer-Anna-7";
    expect(await imapLogin(CHANGED, DEMO_PASSWORD)).toBe(true);
    await updateMailbox(CHANGED, { passwordHash: await hashPassword(next) });
    // Old password first: with an auth cache, Dovecot would still accept it from the cache
    // (a mismatch with the cached hash, as the new password causes, refreshes the entry).
    expect(await imapLogin(CHANGED, DEMO_PASSWORD)).toBe(false);
    expect(await imapLogin(CHANGED, next)).toBe(true);
  });

  it("refuses a disabled mailbox", async () => {
    expect(await imapLogin(DISABLED, DEMO_PASSWORD)).toBe(true);
    await updateMailbox(DISABLED, { enabled: false });
    expect(await imapLogin(DISABLED, DEMO_PASSWORD)).toBe(false);
  });

  it("accepts a non-ASCII password hashed by the panel (same UTF-8 bytes)", async () => {
    const password = "Grüße-aus-Köln-✓-2026";
    await updateMailbox(UNICODE, { passwordHash: await hashPassword(password) });
    expect(await imapLogin(UNICODE, password)).toBe(true);
    expect(await imapLogin(UNICODE, password.normalize("NFD"))).toBe(false);
  });
});

describe("SMTP submission AUTH", () => {
  it("accepts a demo mailbox and a mail account, refuses a wrong password", async () => {
    expect(await submissionAuth("max.mustermann@citywerk.example", DEMO_PASSWORD)).toBe(true);
    expect(await submissionAuth("k10001.001", DEMO_PASSWORD)).toBe(true);
    expect(await submissionAuth("max.mustermann@citywerk.example", WRONG)).toBe(false);
  });
});
