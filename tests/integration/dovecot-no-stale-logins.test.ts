/**
 * Issue 22, "0 stale successes": Dovecot's Lua passdb (lib/mail/dovecot-lua-passdb.ts) accepts a login
 * it has verified before without argon2. For every way a password changes in Kontor, and for a mailbox
 * or account switched off, deleted or unrouted, the old password is first remembered by several auth
 * workers (parallel logins), then the change runs through the service the page calls, and the very next
 * login with the old password is refused over IMAP and over SMTP submission; where there is a new
 * password, it logs in. Its own Dovecot (test config) over a database the factories build on disk.
 */
import { eq } from "drizzle-orm";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { hashPassword } from "@/lib/auth/password-hash";
import type { Actor } from "@/lib/authz/actor";
import { changeOwnMailboxPassword } from "@/lib/services/mailbox-settings/change-own-password";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { updateMailboxSettings } from "@/lib/services/mailboxes/update-mailbox-settings";
import { changePendingAdminPassword, deleteMailAccount, setMailAccountPassword } from "@/lib/services/mail-accounts/manage-mail-account";
import { unrouteAddress } from "@/lib/services/mail-accounts/route-address";
import { changeOwnPasswordWithCurrent } from "@/lib/services/passwords/change-own-password";
import { completePasswordReset } from "@/lib/services/recovery/redeem-link";
import { generateToken, storeToken } from "@/lib/services/recovery/tokens";
import { generateResetPassword } from "@/lib/services/tickets/generate-reset-password";
import { changePasswordFromWebmail } from "@/lib/services/webmail/change-password";
import { mailboxSettingsSchema } from "@/lib/validation/mailbox";
import { TEST_PASSWORD, type TestDb, aDomainWithMailboxes, aMailAccount, aSupport, aTicket, actorOf } from "../support/factories";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { type OwnDovecot, startOwnDovecot } from "../support/own-dovecot";
import { type DiskDb, createDiskDb } from "../support/disk-db";
import { transaction } from "@/db/transaction";
import { firstRow } from "@/db/rows";

const OLD = TEST_PASSWORD;
const NEW = "Neuer-Leuchtturm-Kiesel-2026";
const IP = "127.0.0.1";

let handle: DiskDb;
let db: TestDb;
let dovecot: OwnDovecot;
let support: Actor;

const imap = (user: string, pass: string) => imapLogin(user, pass, dovecot.ports.imap);
const submission = (user: string, pass: string) => submissionLogin(user, pass, dovecot.ports.submission);

/** "password verified against its hash" lines of the Lua passdb for this login: argon2 verifications. */
function verifications(user: string): number {
  return fs
    .readFileSync(dovecot.log, "utf8")
    .split("\n")
    .filter((line) => line.includes(`lua(${user},`) && line.includes("password verified against its hash")).length;
}

/** Logs in with the password in parallel rounds, so that several auth workers remember it. */
async function remember(user: string, pass: string) {
  for (let round = 0; round < 3; round++) {
    const results = await Promise.all([
      ...Array.from({ length: 6 }, () => imap(user, pass)),
      submission(user, pass),
      submission(user, pass),
    ]);
    expect(results, `${user} logs in with the password before the change`).toEqual(results.map(() => true));
  }
  expect(verifications(user)).toBeGreaterThan(0);
}

/** The very next login with the old password, over each protocol, then the new one where there is one. */
async function expectOnlyNew(users: string[], newPassword: string | null) {
  for (const user of users) {
    expect(await imap(user, OLD), `IMAP ${user} with the old password`).toBe(false);
    expect(await submission(user, OLD), `submission ${user} with the old password`).toBe(false);
  }
  if (newPassword === null) return;
  for (const user of users) {
    expect(await imap(user, newPassword), `IMAP ${user} with the new password`).toBe(true);
    expect(await submission(user, newPassword), `submission ${user} with the new password`).toBe(true);
  }
}

async function panelMailbox() {
  const world = await aDomainWithMailboxes(db, 1, { package: { panel: "plesk9" } });
  return { world, box: world.mailboxes[0], customer: world.customer.actor };
}

function settingsInput(subscriptionId: number, mailboxId: number, p: { enabled: boolean; newPassword?: string }) {
  return mailboxSettingsSchema.parse({
    subscriptionId: String(subscriptionId),
    mailboxId: String(mailboxId),
    ...(p.enabled ? { enabled: "on" } : {}),
    quotaMb: "1024",
    newPassword: p.newPassword ?? "",
    confirmPassword: p.newPassword ?? "",
  });
}

/** An import's way: the hash replaced in the table, past every service. */
const setHash = (id: number, passwordHash: string) => db.update(schema.mailboxes).set({ passwordHash }).where(eq(schema.mailboxes.id, id));

beforeAll(async () => {
  // Empty (the factories build each test's world), on SQLite or in the PostgreSQL pass on PostgreSQL.
  handle = await createDiskDb("kontor-stale-", { seeded: false });
  db = handle.db;
  support = await aSupport(db);
  dovecot = await startOwnDovecot(handle.dir, handle.file, false, undefined, handle.databaseUrl);
});

afterAll(async () => {
  await dovecot?.stop();
  await handle?.remove();
});

describe("Dovecot's passdb remembers verified logins", () => {
  it("answers repeated logins from memory: argon2 at most once per auth worker", async () => {
    const { box } = await panelMailbox();
    await remember(box.address, OLD);
    for (let i = 0; i < 10; i++) expect(await imap(box.address, OLD)).toBe(true);
    const workers = Number(/^auth_worker_max_count = (\d+)$/m.exec(fs.readFileSync(dovecot.conf, "utf8"))?.[1]);
    expect(workers).toBeGreaterThan(0);
    // 34 logins, each checked against the row read at that login. Dovecot hands a request to the first
    // idle worker and at most 8 logins ran at once, so at most 8 workers ever verified this password.
    expect(verifications(box.address)).toBeLessThanOrEqual(Math.min(workers, 8));
    expect(await imap(box.address, "Falsches-Passwort-Ahorn-1")).toBe(false);
  });
});

describe("no stale success after a change", () => {
  it("Plesk panel, Einstellungen: a new password", async () => {
    const { world, box, customer } = await panelMailbox();
    await remember(box.address, OLD);
    await updateMailboxSettings(customer, settingsInput(world.subscriptionId, box.id, { enabled: true, newPassword: NEW }), { ip: IP }, db);
    await expectOnlyNew([box.address], NEW);
  });

  it("Plesk panel, Einstellungen: mailbox switched off", async () => {
    const { world, box, customer } = await panelMailbox();
    await remember(box.address, OLD);
    await updateMailboxSettings(customer, settingsInput(world.subscriptionId, box.id, { enabled: false }), { ip: IP }, db);
    await expectOnlyNew([box.address], null);
    // Switched on again, the unchanged password is right again (verified anew: the version moved).
    await updateMailboxSettings(customer, settingsInput(world.subscriptionId, box.id, { enabled: true }), { ip: IP }, db);
    expect(await imap(box.address, OLD)).toBe(true);
  });

  it("Plesk panel: mailbox deleted", async () => {
    const { world, box, customer } = await panelMailbox();
    await remember(box.address, OLD);
    await deleteMailboxes(customer, { subscriptionId: world.subscriptionId, mailboxIds: [box.id], confirmed: "yes" }, { ip: IP }, db);
    await expectOnlyNew([box.address], null);
  });

  it("mailbox self-service: Passwort", async () => {
    const { box } = await panelMailbox();
    await remember(box.address, OLD);
    await changeOwnMailboxPassword(
      box.actor,
      { currentPassword: OLD, newPassword: NEW, confirmPassword: NEW },
      IP,
      { via: "mailbox-settings", locale: "de" },
      db,
    );
    await expectOnlyNew([box.address], NEW);
  });

  it("webmail: the service behind POST /api/webmail/password", async () => {
    const { box } = await panelMailbox();
    await remember(box.address, OLD);
    const result = await changePasswordFromWebmail({ user: box.address, currentPassword: OLD, newPassword: NEW }, IP, "de", db);
    expect(result.ok).toBe(true);
    await expectOnlyNew([box.address], NEW);
  });

  it("user menu: Passwort ändern (mailbox)", async () => {
    const { box } = await panelMailbox();
    await remember(box.address, OLD);
    await changeOwnPasswordWithCurrent(box.actor, { currentPassword: OLD, newPassword: NEW, confirmPassword: NEW }, IP, "de", db);
    await expectOnlyNew([box.address], NEW);
  });

  it("recovery link: Speichern", async () => {
    const { box } = await panelMailbox();
    await remember(box.address, OLD);
    const { token, hash } = generateToken();
    await transaction(db, async (tx) => await storeToken(tx, { kind: "mailbox", id: box.id }, hash, "privat@example.net", new Date()));
    await completePasswordReset({ token, newPassword: NEW, ip: IP, locale: "de" }, db);
    await expectOnlyNew([box.address], NEW);
  });

  it("E-Mail-Administration: another account's password (its login and its routed address)", async () => {
    const world = await aMailAccount(db, { extraAccounts: 1 });
    const account = world.accounts[0];
    const routed = `konto2@${world.domain.name}`;
    await remember(account.login, OLD);
    await remember(routed, OLD);
    await setMailAccountPassword(world.admin.actor, account.id, NEW, IP, db);
    await expectOnlyNew([account.login, routed], NEW);
  });

  it("E-Mail-Administration: its own .001 password (with the current one)", async () => {
    const world = await aMailAccount(db);
    await remember(world.admin.login, OLD);
    await setMailAccountPassword(world.admin.actor, world.admin.id, NEW, IP, db, OLD);
    await expectOnlyNew([world.admin.login], NEW);
  });

  it("E-Mail-Administration: the forced change after a generated .001 password", async () => {
    const world = await aMailAccount(db);
    await remember(world.admin.login, OLD);
    await db.update(schema.mailAccounts).set({ mustChangePassword: true }).where(eq(schema.mailAccounts.id, world.admin.id));
    await changePendingAdminPassword(await actorOf(db, "mail_account", world.admin.id), NEW, IP, db);
    await expectOnlyNew([world.admin.login], NEW);
  });

  it("user menu: Passwort ändern (mail account)", async () => {
    const world = await aMailAccount(db);
    await remember(world.admin.login, OLD);
    await changeOwnPasswordWithCurrent(world.admin.actor, { currentPassword: OLD, newPassword: NEW, confirmPassword: NEW }, IP, "de", db);
    await expectOnlyNew([world.admin.login], NEW);
  });

  it("support: Neues Passwort erzeugen on a reset ticket (.001)", async () => {
    const world = await aMailAccount(db);
    await remember(world.admin.login, OLD);
    const ticket = await aTicket(db, world.customer, { category: "reset_mailadmin_password" });
    await generateResetPassword(support, ticket, IP, db);
    // The generated password is sealed for the customer; the old one must be refused at once.
    await expectOnlyNew([world.admin.login], null);
  });

  it("E-Mail-Administration: account deleted (its login and its routed address)", async () => {
    const world = await aMailAccount(db, { extraAccounts: 1 });
    const account = world.accounts[0];
    const routed = `konto2@${world.domain.name}`;
    await remember(account.login, OLD);
    await remember(routed, OLD);
    await deleteMailAccount(world.admin.actor, account.id, IP, db);
    await expectOnlyNew([account.login, routed], null);
  });

  it("E-Mail-Administration: routed address removed (the account's own login keeps working)", async () => {
    const world = await aMailAccount(db, { extraAccounts: 1 });
    const account = world.accounts[0];
    const routed = `konto2@${world.domain.name}`;
    await remember(routed, OLD);
    const address = await firstRow(db.select().from(schema.mailAccountAddresses).where(eq(schema.mailAccountAddresses.address, routed)));
    if (!address) throw new Error("routed address missing");
    await unrouteAddress(world.admin.actor, address.id, IP, db);
    await expectOnlyNew([routed], null);
    expect(await imap(account.login, OLD)).toBe(true);
  });

  it("any import: the hash replaced in the table (argon2 or a foreign scheme Dovecot knows)", async () => {
    const { world } = await panelMailbox();
    const [first] = world.mailboxes;
    await remember(first.address, OLD);
    await setHash(first.id, await hashPassword(NEW));
    await expectOnlyNew([first.address], NEW);

    const foreign = spawnSync("doveadm", ["pw", "-s", "SHA512-CRYPT", "-p", OLD], {
      encoding: "utf8",
      env: { ...process.env, PATH: `${process.env.PATH ?? ""}:/usr/bin:/usr/sbin` },
    }).stdout.trim();
    expect(foreign).toMatch(/^\{SHA512-CRYPT\}\$6\$/);
    await remember(first.address, NEW);
    await setHash(first.id, foreign);
    expect(await imap(first.address, NEW)).toBe(false);
    expect(await submission(first.address, NEW)).toBe(false);
    expect(await imap(first.address, OLD)).toBe(true);
    expect(await submission(first.address, OLD)).toBe(true);
  });

  it("mail account switched off in the table (no page switches accounts off yet)", async () => {
    const world = await aMailAccount(db);
    await remember(world.admin.login, OLD);
    await db.update(schema.mailAccounts).set({ enabled: false }).where(eq(schema.mailAccounts.id, world.admin.id));
    await expectOnlyNew([world.admin.login], null);
  });
});
