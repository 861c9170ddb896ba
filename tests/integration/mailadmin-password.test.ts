/**
 * The E-Mail-Administration's services against the real Dovecot: a `.00N` account created and
 * re-passworded there logs in over IMAP with the new password, and the old one is refused.
 * With KONTOR_DOVECOT_RUNNING=1 it uses the runner's database and Dovecot; otherwise its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { createMailAccount } from "@/lib/services/mail-accounts/create-mail-account";
import { deleteMailAccount, setMailAccountPassword } from "@/lib/services/mail-accounts/manage-mail-account";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { type RunnerDovecot, runnerOrOwnDovecot } from "../support/runner-dovecot";
import { actorOf, aMailAccount, shareNumbering } from "../support/factories";

const FIRST = "Erstes-Passwort-fuer-Konto-58";
const SECOND = "Zweites-Passwort-aus-der-Verwaltung-64";

let mail: RunnerDovecot | undefined;
let db: Db;
let imapPort: number | undefined;
let submissionPort: number | undefined;

beforeAll(async () => {
  mail = await runnerOrOwnDovecot("kontor-mailadmin-");
  db = mail.db;
  imapPort = mail.ports.imap;
  submissionPort = mail.ports.submission;
  shareNumbering(db);
});

afterAll(async () => {
  await mail?.stop();
});

/**
 * The `.001` account of a customer of the test's own (the runner's database is shared: numbering of
 * its own), as an actor re-read like every request does, and the `.002` it creates with `password`.
 */
async function aCreatedAccount(password: string) {
  const { admin } = await aMailAccount(db);
  const adminActor = async () => await actorOf(db, "mail_account", admin.id);
  const created = await createMailAccount(await adminActor(), { quotaMb: null, newPassword: password }, "127.0.0.1", db);
  expect(created.login).toBe(admin.login.replace(/\.001$/, ".002"));
  return { adminActor, created };
}

describe("E-Mail-Administration passwords at Dovecot", () => {
  it("a new account's password set by the administrator works at IMAP and the old one fails", async () => {
    const { adminActor, created } = await aCreatedAccount(FIRST);
    expect(await imapLogin(created.login, FIRST, imapPort)).toBe(true);

    await setMailAccountPassword(await adminActor(), created.id, SECOND, "127.0.0.1", db);
    expect(await imapLogin(created.login, FIRST, imapPort)).toBe(false);
    expect(await imapLogin(created.login, SECOND, imapPort)).toBe(true);
    expect(await submissionLogin(created.login, SECOND, submissionPort)).toBe(true);
  });

  it("a deleted account no longer logs in", async () => {
    const { adminActor, created } = await aCreatedAccount(SECOND);
    expect(await imapLogin(created.login, SECOND, imapPort)).toBe(true);
    await deleteMailAccount(await adminActor(), created.id, null, db);
    expect(await imapLogin(created.login, SECOND, imapPort)).toBe(false);
  });
});
