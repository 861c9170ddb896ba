/**
 * Issue 23, mail servers on PostgreSQL: when Kontor runs on PostgreSQL, Dovecot (Lua passdb and userdb
 * over lua-dbi-postgresql, pgsql dict) and Postfix (pgsql lookup tables) read the same views there. A PostgreSQL, Dovecot and Postfix of the test's own, on free ports; data built by the factories
 * and changed through the services the panel calls. Proves: IMAP and submission accept exactly the
 * password the service set and refuse the old one at once (changed, switched off, deleted mailbox),
 * Dovecot writes the last login and the quota usage into PostgreSQL, Postfix delivers to an existing
 * address, an alias and the catch-all, and refuses an unknown, a switched-off and a too-big one at RCPT;
 * after a PostgreSQL restart, logins, quota-status and delivery work at once, also after two restarts
 * within a minute and for mail that arrives while PostgreSQL is down (PgBouncer holds it).
 *
 * db/schema picks its tables (SQLite or PostgreSQL) when it is first loaded, from KONTOR_DATABASE_URL:
 * everything that loads it is imported only after the URL is set, hence the dynamic imports.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import type { OwnDovecot } from "../support/own-dovecot";
import type { OwnPostgres } from "../support/own-postgres";
import type { TestDb } from "../support/factories";

const NEW = "Neuer-Leuchtturm-Kiesel-2026";
const IP = "127.0.0.1";
const SQL_EXT = "dovecot-sql.conf.ext";

let server: OwnPostgres;
let client: pg.Client;
let db: TestDb;
let dovecot: OwnDovecot;
let postfixDir = "";
let smtpPort = 0;
let OLD = "";
let stopPostfix: (dir: string) => Promise<boolean>;
let imapLogin: typeof import("../support/mail-clients").imapLogin;
let submissionLogin: typeof import("../support/mail-clients").submissionLogin;
let factories: typeof import("../support/factories");

const imap = (user: string, pass: string) => imapLogin(user, pass, dovecot.ports.imap);
const submission = (user: string, pass: string) => submissionLogin(user, pass, dovecot.ports.submission);

beforeAll(async () => {
  const { startOwnPostgres } = await import("../support/own-postgres");
  server = await startOwnPostgres("kontor-mail-pg-");
  process.env.KONTOR_DATABASE_URL = server.url;
  const { openPostgres } = await import("@/db/postgres");
  db = openPostgres(server.url, 4);
  factories = await import("../support/factories");
  OLD = factories.TEST_PASSWORD;
  ({ imapLogin, submissionLogin } = await import("../support/mail-clients"));
  client = new pg.Client({ connectionString: server.url });
  await client.connect();

  const { freePort, startDovecot, stopDovecot, confPath } = await import("@/scripts/lib/dovecot-process");
  const dir = path.join(server.baseDir, "dovecot");
  const ports = { imap: await freePort(), submission: await freePort(), lmtp: await freePort() };
  const quotaStatusPort = await freePort();
  const relayPort = await freePort();
  // dbPath is not read on PostgreSQL: a path that does not exist shows that nothing falls back to SQLite.
  const noSqlite = path.join(server.baseDir, "no-such.db");
  // As an earlier Kontor left it: the SQL userdb's file, with the database password. The start removes it.
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, SQL_EXT), `connect = ${server.url}\n`, { mode: 0o600 });
  const { pid } = await startDovecot({ dbPath: noSqlite, databaseUrl: server.url, dir, ports, relayPort, quotaStatusPort });
  dovecot = { dir, ports, quotaStatusPort, pid, conf: confPath(dir), log: path.join(dir, "dovecot.log"), stop: () => stopDovecot(dir) };

  const postfix = await import("@/scripts/lib/postfix-process");
  stopPostfix = postfix.stopPostfix;
  postfixDir = path.join(server.baseDir, "postfix");
  smtpPort = await freePort();
  await postfix.startPostfix({
    dbPath: noSqlite,
    databaseUrl: server.url,
    dir: postfixDir,
    smtpPort,
    internalPort: await freePort(),
    lmtpPort: ports.lmtp,
    quotaStatusPort,
    relayhost: `[127.0.0.1]:${relayPort}`,
  });
});

afterAll(async () => {
  if (postfixDir) await stopPostfix(postfixDir);
  await dovecot?.stop();
  await client?.end();
  await (db as unknown as { $client?: { end(): Promise<void> } } | undefined)?.$client?.end();
  await server?.stop();
});

/** A Plesk-panel mailbox of a new customer, and that customer. */
async function panelMailbox(): Promise<{ subscriptionId: number; box: { id: number; address: string }; customer: Actor }> {
  const world = await factories.aDomainWithMailboxes(db, 1, { package: { panel: "plesk9" } });
  return { subscriptionId: world.subscriptionId, box: world.mailboxes[0], customer: world.customer.actor };
}

async function settings(subscriptionId: number, mailboxId: number, p: { enabled: boolean; newPassword?: string }) {
  const { mailboxSettingsSchema } = await import("@/lib/validation/mailbox");
  return mailboxSettingsSchema.parse({
    subscriptionId: String(subscriptionId),
    mailboxId: String(mailboxId),
    ...(p.enabled ? { enabled: "on" } : {}),
    quotaMb: "1024",
    newPassword: p.newPassword ?? "",
    confirmPassword: p.newPassword ?? "",
  });
}

/** Logs in with the password several times at once over both protocols, so several auth workers remember it. */
async function remember(user: string, pass: string) {
  const results = await Promise.all([imap(user, pass), imap(user, pass), imap(user, pass), submission(user, pass), submission(user, pass)]);
  expect(results, `${user} logs in before the change`).toEqual([true, true, true, true, true]);
}

async function expectOnly(user: string, refused: string, accepted: string | null) {
  expect(await imap(user, refused), `IMAP ${user} with the old password`).toBe(false);
  expect(await submission(user, refused), `submission ${user} with the old password`).toBe(false);
  if (accepted === null) return;
  expect(await imap(user, accepted), `IMAP ${user} with the new password`).toBe(true);
  expect(await submission(user, accepted), `submission ${user} with the new password`).toBe(true);
}

/** Postfix asks quota-status at RCPT: a message bigger than the free space of `address` (1 MB quota) is refused. */
async function expectQuotaRefusal(address: string) {
  const { smtpDialogue } = await import("../support/smtp-dialogue");
  const big = await smtpDialogue(smtpPort, { from: "absender@example.net", to: [address], subject: "pg-too-big", size: 3_000_000 });
  expect(big.rcpt[address], "quota-status on a message bigger than the free space").toMatch(/^552 5\.2\.2/);
  expect(big.data).toBeNull();
  const small = await smtpDialogue(smtpPort, { from: "absender@example.net", to: [address], subject: "pg-small", size: 2_000 });
  expect(small.rcpt[address], "quota-status on a message that fits").toMatch(/^250/);
}

/** Postfix takes a message for `address` and LMTP files it (userdb lookup): it shows up over IMAP. */
async function expectDelivered(address: string, subject: string) {
  const { smtpDialogue } = await import("../support/smtp-dialogue");
  const { waitForLanded } = await import("../support/mailbox-delivery");
  const result = await smtpDialogue(smtpPort, { from: "absender@example.net", to: [address], subject });
  expect(result.rcpt[address], `RCPT ${address}`).toMatch(/^250/);
  expect(result.data).toMatch(/^250/);
  expect(await waitForLanded(dovecot.ports.imap, address, OLD, subject), `${subject} landed`).toHaveLength(1);
}

type UsageRow = { storage_bytes: string | null; messages: number | null };

/** `login`'s row of mail_usage once it counts `messages` (bounded wait, ~10 s), else the last row read. */
async function waitForUsage(login: string, messages: number): Promise<UsageRow | undefined> {
  let usage: UsageRow | undefined;
  for (let i = 0; i < 100; i++) {
    usage = (await client.query<UsageRow>("SELECT storage_bytes, messages FROM mail_usage WHERE login = $1", [login])).rows[0];
    if (usage?.messages === messages) return usage;
    await new Promise((r) => setTimeout(r, 100));
  }
  return usage;
}

/** Stops the test's PostgreSQL: every connection to it is dead. */
async function stopTheDatabase() {
  const { stopPostgres } = await import("@/scripts/lib/postgres-process");
  await client.end();
  expect(await stopPostgres(server.dir)).toBe(true);
}

async function startTheDatabase() {
  const { startPostgres } = await import("@/scripts/lib/postgres-process");
  await startPostgres({ dir: server.dir, port: server.port, ephemeral: true });
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
}

/** Stops and starts the test's PostgreSQL: every connection Dovecot and Postfix held is dead afterwards. */
async function restartPostgres() {
  await stopTheDatabase();
  await startTheDatabase();
}

describe("Dovecot on PostgreSQL: exactly the password the panel set", () => {
  it("a new password set in the panel: the old one is refused at once, the new one logs in", async () => {
    const { updateMailboxSettings } = await import("@/lib/services/mailboxes/update-mailbox-settings");
    const { subscriptionId, box, customer } = await panelMailbox();
    await remember(box.address, OLD);
    await updateMailboxSettings(customer, await settings(subscriptionId, box.id, { enabled: true, newPassword: NEW }), { ip: IP }, db);
    await expectOnly(box.address, OLD, NEW);
  });

  it("a mailbox switched off: refused at once; switched on again, its password works again", async () => {
    const { updateMailboxSettings } = await import("@/lib/services/mailboxes/update-mailbox-settings");
    const { subscriptionId, box, customer } = await panelMailbox();
    await remember(box.address, OLD);
    await updateMailboxSettings(customer, await settings(subscriptionId, box.id, { enabled: false }), { ip: IP }, db);
    await expectOnly(box.address, OLD, null);
    await updateMailboxSettings(customer, await settings(subscriptionId, box.id, { enabled: true }), { ip: IP }, db);
    expect(await imap(box.address, OLD)).toBe(true);
  });

  it("a deleted mailbox: refused at once", async () => {
    const { deleteMailboxes } = await import("@/lib/services/mailboxes/delete-mailboxes");
    const { subscriptionId, box, customer } = await panelMailbox();
    await remember(box.address, OLD);
    await deleteMailboxes(customer, { subscriptionId, mailboxIds: [box.id], confirmed: "yes" }, { ip: IP }, db);
    await expectOnly(box.address, OLD, null);
  });

  it("the mailbox user's own change in the self-service", async () => {
    const { changeOwnMailboxPassword } = await import("@/lib/services/mailbox-settings/change-own-password");
    const { box } = await panelMailbox();
    const actor = await factories.actorOf(db, "mailbox", box.id);
    await remember(box.address, OLD);
    await changeOwnMailboxPassword(
      actor,
      { currentPassword: OLD, newPassword: NEW, confirmPassword: NEW },
      IP,
      { via: "mailbox-settings", locale: "de" },
      db,
    );
    await expectOnly(box.address, OLD, NEW);
  });

  it("keeps the database password in the two root-only files that use it; no dovecot-sql.conf.ext (nothing reads it)", () => {
    const password = decodeURIComponent(new URL(server.url).password);
    const holders = fs
      .readdirSync(dovecot.dir, { withFileTypes: true })
      .filter((e) => e.isFile() && fs.readFileSync(path.join(dovecot.dir, e.name), "utf8").includes(password))
      .map((e) => e.name)
      .sort();
    expect(holders).toEqual(["dovecot-dict-sql.conf.ext", "kontor-pg.password"]);
    for (const name of holders) expect(fs.statSync(path.join(dovecot.dir, name)).mode & 0o777, name).toBe(0o600);
    expect(fs.existsSync(path.join(dovecot.dir, SQL_EXT))).toBe(false);
  });

  it("writes the last login into PostgreSQL's mail_usage", async () => {
    const { box } = await panelMailbox();
    const before = Math.floor(Date.now() / 1000);
    expect(await imap(box.address, OLD)).toBe(true);
    const { rows } = await client.query<{ last_login: string }>("SELECT last_login FROM mail_usage WHERE login = $1", [box.address]);
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].last_login)).toBeGreaterThanOrEqual(before);
  });
});

describe("Postfix on PostgreSQL", () => {
  it("delivers to an existing mailbox (and Dovecot writes its usage), refuses an unknown address with 550 at RCPT", async () => {
    const { smtpDialogue } = await import("../support/smtp-dialogue");
    const { waitForLanded } = await import("../support/mailbox-delivery");
    const { box } = await panelMailbox();
    const domain = box.address.split("@")[1];
    const unknown = `niemand-${Date.now().toString(36)}@${domain}`;
    const subject = `Postfix on PostgreSQL ${Date.now()}`;
    const result = await smtpDialogue(smtpPort, { from: "absender@example.net", to: [box.address, unknown], subject });
    expect(result.rcpt[box.address]).toMatch(/^250/);
    expect(result.rcpt[unknown]).toMatch(/^550 5\.1\.1/);
    expect(result.data).toMatch(/^250/);
    expect(await waitForLanded(dovecot.ports.imap, box.address, OLD, subject)).toHaveLength(1);

    // quota_clone writes through Dovecot's pgsql dict after the delivery.
    const usage = await waitForUsage(box.address, 1);
    expect(usage?.messages).toBe(1);
    expect(Number(usage?.storage_bytes)).toBeGreaterThan(0);
  });

  it("an alias delivers to both its targets; the catch-all takes unknown addresses while it is set", async () => {
    const { smtpDialogue } = await import("../support/smtp-dialogue");
    const { waitForLanded } = await import("../support/mailbox-delivery");
    const { saveAlias } = await import("@/lib/services/aliases/save-alias");
    const { setCatchAll } = await import("@/lib/services/aliases/catch-all");
    const { aliasSchema } = await import("@/lib/validation/alias");
    const world = await factories.aDomainWithMailboxes(db, 2, { package: { panel: "plesk9" } });
    const [one, two] = world.mailboxes;
    const customer = world.customer.actor;
    const { subscriptionId, domain } = world;
    const alias = `team@${domain.name}`;
    const input = {
      subscriptionId: String(subscriptionId),
      domainId: String(domain.id),
      localPart: "team",
      targets: `${one.address}\n${two.address}`,
    };
    expect(await saveAlias(customer, aliasSchema.parse(input), { ip: IP }, db)).toBeTruthy();
    const unknown = `irgendwer@${domain.name}`;

    const first = await smtpDialogue(smtpPort, { from: "absender@example.net", to: [alias, unknown], subject: "pg-alias" });
    expect(first.rcpt[alias]).toMatch(/^250/);
    expect(first.rcpt[unknown]).toMatch(/^550 5\.1\.1/);
    expect(await waitForLanded(dovecot.ports.imap, one.address, OLD, "pg-alias")).toHaveLength(1);
    expect(await waitForLanded(dovecot.ports.imap, two.address, OLD, "pg-alias")).toHaveLength(1);

    await setCatchAll(customer, { subscriptionId, domainId: domain.id, mailboxId: two.id }, { ip: IP }, db);
    const second = await smtpDialogue(smtpPort, { from: "absender@example.net", to: [unknown], subject: "pg-catch" });
    expect(second.rcpt[unknown]).toMatch(/^250/);
    expect(await waitForLanded(dovecot.ports.imap, two.address, OLD, "pg-catch")).toHaveLength(1);
    await setCatchAll(customer, { subscriptionId, domainId: domain.id, mailboxId: null }, { ip: IP }, db);
    const third = await smtpDialogue(smtpPort, { from: "absender@example.net", to: [unknown], subject: "pg-catch-off" });
    expect(third.rcpt[unknown]).toMatch(/^550 5\.1\.1/);
  });

  it("asks Dovecot's quota-status (userdb on PostgreSQL): a message bigger than the free space is refused at RCPT", async () => {
    const world = await factories.aDomainWithMailboxes(db, 1, { quotaMb: 1 });
    await expectQuotaRefusal(world.mailboxes[0].address);
  });

  it("refuses a switched-off mailbox at RCPT, and a deleted one as unknown", async () => {
    const { smtpDialogue } = await import("../support/smtp-dialogue");
    const { updateMailboxSettings } = await import("@/lib/services/mailboxes/update-mailbox-settings");
    const { deleteMailboxes } = await import("@/lib/services/mailboxes/delete-mailboxes");
    const off = await panelMailbox();
    await updateMailboxSettings(off.customer, await settings(off.subscriptionId, off.box.id, { enabled: false }), { ip: IP }, db);
    const gone = await panelMailbox();
    await deleteMailboxes(
      gone.customer,
      { subscriptionId: gone.subscriptionId, mailboxIds: [gone.box.id], confirmed: "yes" },
      { ip: IP },
      db,
    );
    const result = await smtpDialogue(smtpPort, {
      from: "absender@example.net",
      to: [off.box.address, gone.box.address],
      subject: "refused",
    });
    expect(result.rcpt[off.box.address]).toMatch(/^550 5\.2\.1/);
    expect(result.rcpt[gone.box.address]).toMatch(/^550 5\.1\.1/);
    expect(result.data).toBeNull();
  });
});

describe("Dovecot after a PostgreSQL restart", () => {
  it("every path connects afresh: quota-status, a delivery and every login work right after PostgreSQL is back", async () => {
    const { box } = await panelMailbox();
    const small = (await factories.aDomainWithMailboxes(db, 1, { quotaMb: 1 })).mailboxes[0];
    // Before the restart every path holds a connection the restart will kill: several auth workers
    // (logins at once), the userdb (quota-status, LMTP) and Postfix's lookup tables (proxymap).
    await remember(box.address, OLD);
    await expectQuotaRefusal(small.address);
    await expectDelivered(box.address, "pg-before-restart");
    await restartPostgres();
    // Postfix's first question right after the restart gets Dovecot's answer, not 450 (temporary failure).
    await expectQuotaRefusal(small.address);
    await expectDelivered(box.address, "pg-after-restart");
    const imapAfter = await Promise.all([imap(box.address, OLD), imap(box.address, OLD), imap(box.address, OLD)]);
    const submissionAfter = await Promise.all([submission(box.address, OLD), submission(box.address, OLD)]);
    expect([...imapAfter, ...submissionAfter], "every login right after the restart").toEqual([true, true, true, true, true]);
    // The fresh connection reads the current row: a wrong password is still refused.
    expect(await imap(box.address, NEW)).toBe(false);
  });

  // Through PgBouncer (lib/mail/pgbouncer-config.ts). Connected to PostgreSQL directly, Postfix answered
  // the delivery after the second restart with 451 (it stays away from a failed host for a minute), and
  // the usage figure stayed at its value before the restarts (the dict's write failed on a dead connection).
  it("two restarts within a minute: Postfix accepts at once, and the usage after them is written", async () => {
    const { box } = await panelMailbox();
    await expectDelivered(box.address, "pg-usage-1");
    expect((await waitForUsage(box.address, 1))?.messages).toBe(1);
    await restartPostgres();
    await expectDelivered(box.address, "pg-usage-2");
    await restartPostgres();
    await expectDelivered(box.address, "pg-usage-3");
    expect((await waitForUsage(box.address, 3))?.messages, "usage after two restarts").toBe(3);
  });

  it("mail arriving while PostgreSQL is down waits for it and is accepted once it is back", async () => {
    const { smtpDialogue } = await import("../support/smtp-dialogue");
    const { waitForLanded } = await import("../support/mailbox-delivery");
    const { box } = await panelMailbox();
    await expectDelivered(box.address, "pg-down-before");
    await stopTheDatabase();
    const during = smtpDialogue(smtpPort, { from: "absender@example.net", to: [box.address], subject: "pg-down-during" });
    await new Promise((r) => setTimeout(r, 1_000));
    await startTheDatabase();
    const result = await during;
    expect(result.rcpt[box.address], "RCPT asked while PostgreSQL was down").toMatch(/^250/);
    expect(result.data).toMatch(/^250/);
    expect(await waitForLanded(dovecot.ports.imap, box.address, OLD, "pg-down-during")).toHaveLength(1);
    // And the lookups right after it are not kept away from the database.
    await expectDelivered(box.address, "pg-down-after");
  });
});
