/**
 * The E-Mail-Administration's services against the real Dovecot: a `.00N` account created and
 * re-passworded there logs in over IMAP with the new password, and the old one is refused.
 * With KONTOR_DOVECOT_RUNNING=1 it uses the runner's database and Dovecot; otherwise its own.
 */
import { drizzle } from "drizzle-orm/better-sqlite3";
import { eq } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/db/migrate";
import { openSqlite, type SqliteDatabase } from "@/db/open";
import * as schema from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { loadActor } from "@/lib/auth/principals";
import { databasePath } from "@/lib/config";
import { freePort, startDovecot, stopDovecot } from "@/lib/mail/dovecot-process";
import { createMailAccount } from "@/lib/services/mail-accounts/create-mail-account";
import { deleteMailAccount, setMailAccountPassword } from "@/lib/services/mail-accounts/manage-mail-account";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { firstRow } from "@/db/rows";

const FIRST = "Erstes-Passwort-fuer-Konto-58";
const SECOND = "Zweites-Passwort-aus-der-Verwaltung-64";

let sqlite: SqliteDatabase;
let db: ReturnType<typeof drizzle<typeof schema>>;
let tmp: string | undefined;
let imapPort: number | undefined;
let submissionPort: number | undefined;
let created: { id: number; login: string } | undefined;

beforeAll(async () => {
  let dbPath: string;
  if (process.env.KONTOR_DOVECOT_RUNNING === "1") {
    dbPath = path.resolve(databasePath());
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-mailadmin-"));
    fs.chmodSync(tmp, 0o755);
    dbPath = path.join(tmp, "kontor.db");
    const s = openSqlite(dbPath);
    applyMigrations(s);
    await seedDemo(drizzle(s, { schema }));
    s.close();
    const ports = { imap: await freePort(), submission: await freePort(), lmtp: await freePort() };
    imapPort = ports.imap;
    await startDovecot({ dbPath, dir: path.join(tmp, "dovecot"), ports });
    submissionPort = ports.submission;
  }
  sqlite = openSqlite(dbPath);
  db = drizzle(sqlite, { schema });
});

afterAll(async () => {
  // The runner's database is shared with the other tests: remove the account this file created.
  if (created && db) await deleteMailAccount(await adminActor(), created.id, null, db);
  sqlite?.close();
  if (tmp) {
    await stopDovecot(path.join(tmp, "dovecot"));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

async function adminActor() {
  const row = await firstRow(
    db.select({ id: schema.mailAccounts.id }).from(schema.mailAccounts).where(eq(schema.mailAccounts.login, "k10001.001")),
  );
  const actor = row && (await loadActor(db, "mail_account", row.id));
  if (!actor) throw new Error("k10001.001 missing");
  return actor;
}

describe("E-Mail-Administration passwords at Dovecot", () => {
  it("a new account's password set by the administrator works at IMAP and the old one fails", async () => {
    created = await createMailAccount(await adminActor(), { quotaMb: null, newPassword: FIRST }, "127.0.0.1", db);
    expect(created.login).toMatch(/^k10001\.\d{3}$/);
    expect(await imapLogin(created.login, FIRST, imapPort)).toBe(true);

    await setMailAccountPassword(await adminActor(), created.id, SECOND, "127.0.0.1", db);
    expect(await imapLogin(created.login, FIRST, imapPort)).toBe(false);
    expect(await imapLogin(created.login, SECOND, imapPort)).toBe(true);
    expect(await submissionLogin(created.login, SECOND, submissionPort)).toBe(true);
  });

  it("a deleted account no longer logs in", async () => {
    if (!created) throw new Error("previous test did not create the account");
    await deleteMailAccount(await adminActor(), created.id, null, db);
    const login = created.login;
    created = undefined;
    expect(await imapLogin(login, SECOND, imapPort)).toBe(false);
  });
});
