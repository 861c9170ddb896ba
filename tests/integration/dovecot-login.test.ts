/**
 * Real Dovecot against Kontor's SQLite: what the panel writes is what IMAP and submission accept.
 * With KONTOR_DOVECOT_RUNNING=1 it uses the instance the test runner started (KONTOR_DB, KONTOR_*_PORT);
 * otherwise it seeds a temp database and starts its own Dovecot on free ports.
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
import { hashPassword } from "@/lib/auth/password-hash";
import { databasePath } from "@/lib/config";
import { type DovecotPorts, freePort, portsFromEnv, startDovecot, stopDovecot } from "@/lib/mail/dovecot-process";
import { imapLogin as imapAt, submissionLogin as submissionAt } from "../support/mail-clients";

const WRONG = "Sonnenblume-Wiese-43!";
// Mailboxes this file changes; their rows are restored in afterAll because the runner's DB is shared.
const CHANGED = "anna@alpenblick.example";
const DISABLED = "info@bergsee.example";
const UNICODE = "info@zweite-firma.example";

let dbPath = "";
let ports: DovecotPorts;
let tmp: string | undefined;
const saved: { address: string; password_hash: string; enabled: number }[] = [];

beforeAll(async () => {
  if (process.env.KONTOR_DOVECOT_RUNNING === "1") {
    dbPath = path.resolve(databasePath());
    ports = portsFromEnv();
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-dovecot-"));
    fs.chmodSync(tmp, 0o755); // mkdtemp gives 0700; the mail processes (uid 5000) must pass through
    dbPath = path.join(tmp, "kontor.db");
    const sqlite = openSqlite(dbPath);
    applyMigrations(sqlite);
    await seedDemo(drizzle(sqlite, { schema }));
    sqlite.close();
    // Free ports unless given, so a dev instance on 10143/10587/10024 does not get in the way.
    const pick = async (name: string) => (process.env[name] ? Number(process.env[name]) : freePort());
    ports = {
      imap: await pick("KONTOR_IMAP_PORT"),
      submission: await pick("KONTOR_SUBMISSION_PORT"),
      lmtp: await pick("KONTOR_LMTP_PORT"),
    };
    await startDovecot({ dbPath, dir: path.join(tmp, "dovecot"), ports });
  }
  const sqlite = openSqlite(dbPath);
  const rows = sqlite
    .prepare("SELECT address, password_hash, enabled FROM mailboxes WHERE address IN (?, ?, ?)")
    .all(CHANGED, DISABLED, UNICODE);
  saved.push(...(rows as typeof saved));
  sqlite.close();
  expect(saved).toHaveLength(3);
});

afterAll(async () => {
  if (saved.length && dbPath) {
    const sqlite = openSqlite(dbPath);
    const restore = sqlite.prepare("UPDATE mailboxes SET password_hash = ?, enabled = ? WHERE address = ?");
    for (const row of saved) restore.run(row.password_hash, row.enabled, row.address);
    sqlite.close();
  }
  if (tmp) {
    await stopDovecot(path.join(tmp, "dovecot"));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

function updateMailbox(address: string, set: { password_hash?: string; enabled?: number }) {
  const sqlite = openSqlite(dbPath);
  const cols = Object.keys(set)
    .map((c) => `${c} = ?`)
    .join(", ");
  const info = sqlite.prepare(`UPDATE mailboxes SET ${cols} WHERE address = ?`).run(...Object.values(set), address);
  sqlite.close();
  expect(info.changes).toBe(1);
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
    updateMailbox(CHANGED, { password_hash: await hashPassword(next) });
    // Old password first: with an auth cache, Dovecot would still accept it from the cache
    // (a mismatch with the cached hash, as the new password causes, refreshes the entry).
    expect(await imapLogin(CHANGED, DEMO_PASSWORD)).toBe(false);
    expect(await imapLogin(CHANGED, next)).toBe(true);
  });

  it("refuses a disabled mailbox", async () => {
    expect(await imapLogin(DISABLED, DEMO_PASSWORD)).toBe(true);
    updateMailbox(DISABLED, { enabled: 0 });
    expect(await imapLogin(DISABLED, DEMO_PASSWORD)).toBe(false);
  });

  it("accepts a non-ASCII password hashed by the panel (same UTF-8 bytes)", async () => {
    const password = "Grüße-aus-Köln-✓-2026";
    updateMailbox(UNICODE, { password_hash: await hashPassword(password) });
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
