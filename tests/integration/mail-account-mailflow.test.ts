/**
 * Mail accounts of the E-Mail-Administration over the real mail path: SMTP to Kontor's Postfix, which
 * reads the views, LMTP into Dovecot, IMAP from the account, replies to the sink.
 * - Catch-all to a mail account; off, or to a switched-off or deleted account, unknown addresses are
 *   refused at RCPT.
 * - The account's autoresponder: the mailbox's Sieve `vacation`, in a script named after the login.
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import type { Actor } from "@/lib/authz/actor";
import { setCatchAll } from "@/lib/services/aliases/catch-all";
import { setMailAccountAutoresponder } from "@/lib/services/autoresponder/mail-account-autoresponder";
import { deleteMailAccount } from "@/lib/services/mail-accounts/manage-mail-account";
import { routeAddress } from "@/lib/services/mail-accounts/route-address";
import { mailAccountAutoresponderSchema } from "@/lib/validation/autoresponder";
import { aMailAccount, TEST_PASSWORD } from "../support/factories";
import { listMailbox, waitForLanded, waitForSinkMail } from "../support/mailbox-delivery";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";
import { smtpDialogue } from "../support/smtp-dialogue";
import { firstRow } from "@/db/rows";

let env: SeededDovecot;
let admin: Actor;
let domain: { id: number; name: string };
let logins: { admin: string; catcher: string; spare: string };
let ids: { catcher: number };
let sieveDir = "";
const ip = "192.0.2.61";

beforeAll(async () => {
  env = await startSeededDovecot("kontor-mailadmin-catchall-", { postfix: true });
  // A customer of its own with a package without panel: .001 (the administration), .002 and .003.
  const world = await aMailAccount(env.db, { extraAccounts: 2 });
  admin = world.admin.actor;
  domain = world.domain;
  const [catcher, spare] = world.accounts;
  logins = { admin: world.admin.login, catcher: catcher.login, spare: spare.login };
  ids = { catcher: catcher.id };
  sieveDir = process.env.KONTOR_SIEVE_DIR!;
});
afterAll(async () => {
  await env?.stop();
});

/** The catch-all of the shared customer's domain, or of `own`'s (a test's own customer). */
const catchAllTo = (mailAccountId: number | null, own = { actor: admin, domainId: domain.id }) =>
  setCatchAll(own.actor, { subscriptionId: null, domainId: own.domainId, mailboxId: null, mailAccountId }, { ip }, env.db);
const send = (to: string[], subject: string, from = "sender@example.net") => smtpDialogue(env.postfixPort, { from, to, subject });
const subjects = async (login: string) => (await listMailbox(env.ports.imap, login, TEST_PASSWORD)).map((m) => m.subject);
let n = 0;
const unknownAddress = (domainName = domain.name) => `irgendwer-${n++}-${Date.now().toString(36)}@${domainName}`;

describe("catch-all to a mail account", () => {
  it("delivers unknown addresses into the chosen account, leaves routed ones alone, and refuses again when off", async () => {
    const unknown = unknownAddress();
    const routed = `konto3@${domain.name}`; // routed to .003 by the factory
    expect((await send([unknown], "ca-before")).rcpt[unknown]).toMatch(/^550 5\.1\.1 /);
    await catchAllTo(ids.catcher);
    try {
      const r = await send([unknown, routed], "ca-on");
      expect(r.rcpt[unknown]).toMatch(/^250 /);
      expect(r.rcpt[routed]).toMatch(/^250 /);
      expect(r.data).toMatch(/^250 /);
      // One copy for the catch-all account, one for the routed address's account, none for the administration.
      expect((await waitForLanded(env.ports.imap, logins.catcher, TEST_PASSWORD, "ca-on")).length).toBe(1);
      expect((await waitForLanded(env.ports.imap, logins.spare, TEST_PASSWORD, "ca-on")).length).toBe(1);
      expect(await subjects(logins.admin)).not.toContain("ca-on");
    } finally {
      await catchAllTo(null);
    }
    expect((await send([unknown], "ca-off")).rcpt[unknown]).toMatch(/^550 5\.1\.1 /);
    expect(await subjects(logins.catcher)).not.toContain("ca-off");
  });

  it("refuses unknown addresses while the chosen account is switched off, and takes them once it is on", async () => {
    const unknown = unknownAddress();
    const switchTo = (enabled: boolean) =>
      env.db.update(schema.mailAccounts).set({ enabled }).where(eq(schema.mailAccounts.id, ids.catcher));
    await catchAllTo(ids.catcher);
    try {
      await switchTo(false);
      expect((await send([unknown], "ca-disabled")).rcpt[unknown]).toMatch(/^550 5\.1\.1 /);
      await switchTo(true);
      expect((await send([unknown], "ca-enabled")).rcpt[unknown]).toMatch(/^250 /);
      expect((await waitForLanded(env.ports.imap, logins.catcher, TEST_PASSWORD, "ca-enabled")).length).toBe(1);
    } finally {
      await switchTo(true);
      await catchAllTo(null);
    }
    expect(await subjects(logins.catcher)).not.toContain("ca-disabled");
  });

  it("falls back to refusing once the chosen account is deleted", async () => {
    // A customer of its own: the account deleted here is not .003, to which the first test delivers.
    const world = await aMailAccount(env.db, { extraAccounts: 1 });
    const own = { actor: world.admin.actor, domainId: world.domain.id };
    const doomed = world.accounts[0].id;
    const unknown = unknownAddress(world.domain.name);
    await catchAllTo(doomed, own);
    expect((await send([unknown], "ca-spare")).rcpt[unknown]).toMatch(/^250 /);
    await deleteMailAccount(own.actor, doomed, ip, env.db);
    const row = await firstRow(env.db.select().from(schema.domains).where(eq(schema.domains.id, own.domainId)));
    expect(row?.catchAllMailAccountId).toBeNull();
    expect((await send([unknown], "ca-gone")).rcpt[unknown]).toMatch(/^550 5\.1\.1 /);
  });
});

describe("autoresponder of a mail account", () => {
  const reply = (accountId: number, values: Record<string, string>) =>
    setMailAccountAutoresponder(
      admin,
      mailAccountAutoresponderSchema.parse({ accountId: String(accountId), intervalDays: "1", ...values }),
      ip,
      env.db,
    );

  it("answers mail to the account's routed address once per interval, through Postfix, and stops when off", async () => {
    const run = Date.now().toString(36);
    const routed = `konto2@${domain.name}`; // routed to .002 by the factory
    await reply(ids.catcher, { enabled: "on", subject: `Konto abwesend ${run}`, body: "Bis Montag.\nGrüße" });
    expect(fs.existsSync(path.join(sieveDir, `${logins.catcher}.sieve`))).toBe(true);
    const sender = `reisende-${run}@outside.example`;
    expect((await send([routed], "acc-vac-first", sender)).data).toMatch(/^250 /);
    const answer = await waitForSinkMail(env.sinkDir, `Konto abwesend ${run}`);
    expect(answer).toContain(`X-Sink-Rcpt-To: ${sender}`);
    expect(answer).toContain("Auto-Submitted: auto-replied");
    expect(answer).toMatch(new RegExp(`^From: .*${routed.replace(/[.]/g, "\\.")}`, "m"));
    expect((await waitForLanded(env.ports.imap, logins.catcher, TEST_PASSWORD, "acc-vac-first")).length).toBe(1);
    // The second mail of the same sender lands without a second answer; a control sender's answer,
    // sent after it, shows that any second answer would have arrived by then.
    expect((await send([routed], "acc-vac-second", sender)).data).toMatch(/^250 /);
    await waitForLanded(env.ports.imap, logins.catcher, TEST_PASSWORD, "acc-vac-second");
    const control = `kontrolle-${run}@outside.example`;
    await send([routed], "acc-vac-control", control);
    expect(await waitForSinkMail(env.sinkDir, `X-Sink-Rcpt-To: ${control}`)).not.toBeNull();
    const answers = fs
      .readdirSync(env.sinkDir)
      .map((n) => fs.readFileSync(path.join(env.sinkDir, n), "utf8"))
      .filter((raw) => raw.startsWith(`X-Sink-Rcpt-To: ${sender}\r\n`));
    expect(answers).toHaveLength(1);

    // Switched off: the account falls back to the default script and nobody is answered.
    await reply(ids.catcher, { subject: `Konto abwesend ${run}`, body: "Bis Montag." });
    expect(fs.existsSync(path.join(sieveDir, `${logins.catcher}.sieve`))).toBe(false);
    const late = `spaet-${run}@outside.example`;
    await send([routed], "acc-vac-off", late);
    await waitForLanded(env.ports.imap, logins.catcher, TEST_PASSWORD, "acc-vac-off");
    // Control: the administration's own account answers the same sender after that delivery.
    const local = `verwaltung-${run}`;
    await routeAddress(admin, { accountId: admin.id, domainId: domain.id, localPart: local }, ip, env.db);
    await reply(admin.id, { enabled: "on", subject: `Verwaltung abwesend ${run}`, body: "Später." });
    await send([`${local}@${domain.name}`], "acc-vac-control-2", late);
    const controlAnswer = await waitForSinkMail(env.sinkDir, `Verwaltung abwesend ${run}`);
    expect(controlAnswer).toContain(`X-Sink-Rcpt-To: ${late}`);
    const toLate = fs
      .readdirSync(env.sinkDir)
      .map((n) => fs.readFileSync(path.join(env.sinkDir, n), "utf8"))
      .filter((raw) => raw.startsWith(`X-Sink-Rcpt-To: ${late}\r\n`));
    expect(toLate).toHaveLength(1);
  });
});
