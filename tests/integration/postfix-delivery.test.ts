/**
 * Real mail through Kontor's Postfix: SMTP in, lookups straight from Kontor's database, LMTP into
 * Dovecot, IMAP out. Changes made through the services count at the very next SMTP dialogue, with no
 * reload. Runs its own Postfix, Dovecot and sink on free ports over a seeded temp database, in which it
 * builds its own customer (factories); every address the tests use is created there.
 */
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "@/lib/auth/principals";
import type { Actor } from "@/lib/authz/actor";
import { setCatchAll } from "@/lib/services/aliases/catch-all";
import { deleteAlias, saveAlias } from "@/lib/services/aliases/save-alias";
import { addOwnForward, setOwnKeepCopy } from "@/lib/services/mailbox-settings/forwards";
import { addOwnSenderRule } from "@/lib/services/mailbox-settings/sender-rules";
import { createMailbox } from "@/lib/services/mailboxes/create-mailbox";
import { deleteMailboxes } from "@/lib/services/mailboxes/delete-mailboxes";
import { updateMailboxSettings } from "@/lib/services/mailboxes/update-mailbox-settings";
import { aliasSchema } from "@/lib/validation/alias";
import { listMailbox, waitForLanded, waitForSinkMail } from "../support/mailbox-delivery";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";
import { smtpDialogue } from "../support/smtp-dialogue";
import { aCustomerWithPackage } from "../support/factories";

let env: SeededDovecot;
let db: SeededDovecot["db"];
let customer: Actor;
let subscriptionId = 0;
let domainId = 0;
let domainName = "";
const ip = "192.0.2.77";
const PASSWORD = "Wacholder-Bucht-Lerche-58";

beforeAll(async () => {
  env = await startSeededDovecot("kontor-postfix-", { postfix: true });
  db = env.db;
  // A customer of its own with a panel subscription. Every test makes its own mailboxes: no mailbox limit.
  const sub = await aCustomerWithPackage(db, { package: { maxMailboxes: null, maxForwards: 20 } });
  customer = sub.customer.actor;
  ({ subscriptionId } = sub);
  ({ id: domainId, name: domainName } = sub.domain);
});

afterAll(async () => {
  await env?.stop();
});

let counter = 0;
async function newMailbox(prefix: string, quotaMb: number | null = null) {
  const localPart = `${prefix}-${Date.now().toString(36)}-${counter++}`;
  const created = await createMailbox(
    customer,
    { subscriptionId, domainId, localPart, quotaMb, newPassword: PASSWORD, confirmPassword: PASSWORD },
    { ip },
    db,
  );
  return created!;
}
const send = (to: string[], subject: string, from = "sender@example.net", headers?: Record<string, string>, body?: string) =>
  smtpDialogue(env.postfixPort, { from, to, subject, headers, body });
const mailboxActor = async (id: number) => (await loadActor(db, "mailbox", id))!;

describe("incoming SMTP", () => {
  it("accepts mail for a mailbox at RCPT and delivers it into the INBOX", async () => {
    const box = await newMailbox("inbound");
    const r = await send([box.address.toUpperCase()], "pf-inbound");
    expect(r.rcpt[box.address.toUpperCase()]).toMatch(/^250 /);
    expect(r.data).toMatch(/^250 /);
    expect((await waitForLanded(env.ports.imap, box.address, PASSWORD, "pf-inbound")).map((m) => m.folder)).toEqual(["INBOX"]);
  });

  it("refuses an unknown address of our domains during the dialogue with 550 5.1.1", async () => {
    const unknown = `nobody-${Date.now()}@${domainName}`;
    const r = await send([unknown], "pf-unknown");
    expect(r.rcpt[unknown]).toMatch(/^550 5\.1\.1 /);
    expect(r.data).toBeNull();
  });

  it("refuses a switched-off mailbox with 550 5.2.1 and takes it again once switched on", async () => {
    const box = await newMailbox("disabled");
    const settings = (enabled: boolean) =>
      updateMailboxSettings(
        customer,
        { subscriptionId, mailboxId: box.id, enabled, quotaMb: null, newPassword: "", confirmPassword: "" },
        { ip },
        db,
      );
    await settings(false);
    expect((await send([box.address], "pf-disabled")).rcpt[box.address]).toMatch(/^550 5\.2\.1 /);
    await settings(true);
    expect((await send([box.address], "pf-enabled")).rcpt[box.address]).toMatch(/^250 /);
    const subjects = (await waitForLanded(env.ports.imap, box.address, PASSWORD, "pf-enabled")).map((m) => m.subject);
    expect(subjects).toEqual(["pf-enabled"]);
    expect((await listMailbox(env.ports.imap, box.address, PASSWORD)).map((m) => m.subject)).not.toContain("pf-disabled");
  });

  it("knows a mailbox created in the panel at the next dialogue, and forgets a deleted one, without a reload", async () => {
    const localPart = `fresh-${Date.now().toString(36)}`;
    const address = `${localPart}@${domainName}`;
    expect((await send([address], "pf-before")).rcpt[address]).toMatch(/^550 5\.1\.1 /);
    const created = await createMailbox(
      customer,
      { subscriptionId, domainId, localPart, quotaMb: null, newPassword: PASSWORD, confirmPassword: PASSWORD },
      { ip },
      db,
    );
    expect((await send([address], "pf-created")).rcpt[address]).toMatch(/^250 /);
    await waitForLanded(env.ports.imap, address, PASSWORD, "pf-created");
    await deleteMailboxes(customer, { subscriptionId, mailboxIds: [created!.id], confirmed: "yes" }, { ip }, db);
    expect((await send([address], "pf-deleted")).rcpt[address]).toMatch(/^550 5\.1\.1 /);
  });

  it("relays for nobody on the public port, not even for a loopback client without authentication", async () => {
    const r = await send(["someone@foreign.example"], "pf-open-relay");
    expect(r.rcpt["someone@foreign.example"]).toMatch(/^554 5\.7\.1 /);
    expect(r.data).toBeNull();
    // Mail for our own domains is still taken.
    const box = await newMailbox("relay-check");
    expect((await send([box.address, "other@foreign.example"], "pf-mixed")).rcpt).toEqual({
      [box.address]: expect.stringMatching(/^250 /) as unknown,
      "other@foreign.example": expect.stringMatching(/^554 5\.7\.1 /) as unknown,
    });
  });

  it("relays mail for foreign domains to the configured relay (the sink) only from Dovecot's internal listener", async () => {
    const r = await smtpDialogue(env.postfixInternalPort, {
      from: "sender@example.net",
      to: ["someone@foreign.example"],
      subject: "pf-foreign",
    });
    expect(r.rcpt["someone@foreign.example"]).toMatch(/^250 /);
    expect(await waitForSinkMail(env.sinkDir, "pf-foreign")).toContain("X-Sink-Rcpt-To: someone@foreign.example");
  });
});

describe("quota at RCPT TO (Dovecot's quota-status)", () => {
  it("refuses a message announced bigger than the mailbox's free space, and takes a small one", async () => {
    const box = await newMailbox("quota-size", 1);
    const big = await smtpDialogue(env.postfixPort, {
      from: "sender@example.net",
      to: [box.address],
      subject: "pf-too-big",
      size: 3_000_000,
    });
    expect(big.rcpt[box.address]).toMatch(/^552 5\.2\.2 /);
    expect(big.data).toBeNull();
    const small = await smtpDialogue(env.postfixPort, { from: "sender@example.net", to: [box.address], subject: "pf-small", size: 2_000 });
    expect(small.rcpt[box.address]).toMatch(/^250 /);
    await waitForLanded(env.ports.imap, box.address, PASSWORD, "pf-small");
  });

  it("refuses a full mailbox with 552 while the dialogue's other recipients get their mail", async () => {
    const full = await newMailbox("quota-full");
    const other = await newMailbox("quota-other", 1);
    const line = "y".repeat(76) + "\n";
    expect((await send([full.address], "pf-filler", "sender@example.net", undefined, line.repeat(16_000))).data).toMatch(/^250 /);
    await waitForLanded(env.ports.imap, full.address, PASSWORD, "pf-filler");
    // The customer lowers the quota below what the mailbox holds: from now on it is full.
    await updateMailboxSettings(
      customer,
      { subscriptionId, mailboxId: full.id, enabled: true, quotaMb: 1, newPassword: "", confirmPassword: "" },
      { ip },
      db,
    );
    const r = await send([full.address, other.address], "pf-over-quota");
    expect(r.rcpt[full.address]).toMatch(/^552 5\.2\.2 /);
    expect(r.rcpt[other.address]).toMatch(/^250 /);
    await waitForLanded(env.ports.imap, other.address, PASSWORD, "pf-over-quota");
    expect((await listMailbox(env.ports.imap, full.address, PASSWORD)).map((m) => m.subject)).toEqual(["pf-filler"]);
  });
});

describe("delivery rules still apply to mail that came through Postfix", () => {
  it("forwards to an outside address through Postfix and keeps a copy", async () => {
    const box = await newMailbox("fwd");
    await addOwnForward(await mailboxActor(box.id), { target: "fwd-target@elsewhere.example" }, ip, db);
    expect((await send([box.address], "pf-forward")).rcpt[box.address]).toMatch(/^250 /);
    expect(await waitForSinkMail(env.sinkDir, "pf-forward")).toContain("X-Sink-Rcpt-To: fwd-target@elsewhere.example");
    expect((await waitForLanded(env.ports.imap, box.address, PASSWORD, "pf-forward")).map((m) => m.folder)).toEqual(["INBOX"]);
  });

  it("delivers a redirect to another of our mailboxes into that mailbox (not to the sink)", async () => {
    const from = await newMailbox("redir-from");
    const to = await newMailbox("redir-to");
    await addOwnForward(await mailboxActor(from.id), { target: to.address }, ip, db);
    await setOwnKeepCopy(await mailboxActor(from.id), { keepCopy: false }, ip, db);
    await send([from.address], "pf-local-redirect");
    expect((await waitForLanded(env.ports.imap, to.address, PASSWORD, "pf-local-redirect")).map((m) => m.folder)).toEqual(["INBOX"]);
    expect(await listMailbox(env.ports.imap, from.address, PASSWORD)).toEqual([]);
  });

  it("keeps a blacklisted sender out and files spam into Junk", async () => {
    const box = await newMailbox("rules");
    await addOwnSenderRule(await mailboxActor(box.id), { kind: "block", pattern: "@blocked.example" }, ip, db);
    await send([box.address], "pf-blocked", "pest@blocked.example");
    await send([box.address], "pf-spam", "someone@example.net", { "X-Spam-Flag": "YES" });
    await send([box.address], "pf-ham");
    await waitForLanded(env.ports.imap, box.address, PASSWORD, "pf-ham");
    await waitForLanded(env.ports.imap, box.address, PASSWORD, "pf-spam");
    const all = await listMailbox(env.ports.imap, box.address, PASSWORD);
    expect(all.map((m) => [m.subject, m.folder]).sort()).toEqual([
      ["pf-ham", "INBOX"],
      ["pf-spam", "Junk"],
    ]);
  });
});

describe("aliases and catch-all", () => {
  it("delivers mail to an alias to each of its targets: two mailboxes and an outside address", async () => {
    const one = await newMailbox("alias-one");
    const two = await newMailbox("alias-two");
    const localPart = `team-${Date.now().toString(36)}`;
    const alias = (await saveAlias(
      customer,
      aliasSchema.parse({
        subscriptionId: String(subscriptionId),
        domainId: String(domainId),
        localPart,
        targets: `${one.address}\n${two.address}\nteam-copy@outside.example`,
      }),
      { ip },
      db,
    ))!;
    expect((await send([alias.address], "pf-alias")).rcpt[alias.address]).toMatch(/^250 /);
    expect((await waitForLanded(env.ports.imap, one.address, PASSWORD, "pf-alias")).length).toBe(1);
    expect((await waitForLanded(env.ports.imap, two.address, PASSWORD, "pf-alias")).length).toBe(1);
    expect(await waitForSinkMail(env.sinkDir, "pf-alias")).toMatch(/^X-Sink-Rcpt-To: team-copy@outside\.example\r\n/);
    await deleteAlias(customer, { subscriptionId, aliasId: alias.id }, { ip }, db);
    expect((await send([alias.address], "pf-alias-gone")).rcpt[alias.address]).toMatch(/^550 5\.1\.1 /);
  });

  it("takes unknown addresses into the catch-all mailbox once set, never the mail of existing or disabled mailboxes", async () => {
    const catcher = await newMailbox("catcher");
    const other = await newMailbox("other");
    const off = await newMailbox("off");
    await updateMailboxSettings(
      customer,
      { subscriptionId, mailboxId: off.id, enabled: false, quotaMb: null, newPassword: "", confirmPassword: "" },
      { ip },
      db,
    );
    const unknown = `whoever-${Date.now().toString(36)}@${domainName}`;
    expect((await send([unknown], "pf-catch-before")).rcpt[unknown]).toMatch(/^550 5\.1\.1 /);
    await setCatchAll(customer, { subscriptionId, domainId, mailboxId: catcher.id }, { ip }, db);
    try {
      const r = await send([unknown, other.address, off.address], "pf-catch");
      expect(r.rcpt[unknown]).toMatch(/^250 /);
      expect(r.rcpt[other.address]).toMatch(/^250 /);
      expect(r.rcpt[off.address]).toMatch(/^550 5\.2\.1 /);
      expect((await waitForLanded(env.ports.imap, catcher.address, PASSWORD, "pf-catch")).length).toBe(1);
      expect((await waitForLanded(env.ports.imap, other.address, PASSWORD, "pf-catch")).length).toBe(1);
    } finally {
      await setCatchAll(customer, { subscriptionId, domainId, mailboxId: null }, { ip }, db);
    }
    expect((await send([unknown], "pf-catch-after")).rcpt[unknown]).toMatch(/^550 5\.1\.1 /);
  });
});

describe("sub-addressing (name+tag@domain)", () => {
  it("delivers name+tag@ into name@'s INBOX, where name@'s Sieve rules still run", async () => {
    const box = await newMailbox("sub");
    const [local, domain] = box.address.split("@");
    const tagged = `${local}+news@${domain}`;
    await addOwnSenderRule(await mailboxActor(box.id), { kind: "block", pattern: "@blocked.example" }, ip, db);
    const r = await send([tagged], "pf-sub-tag");
    expect(r.rcpt[tagged]).toMatch(/^250 /);
    expect(r.data).toMatch(/^250 /);
    await send([tagged], "pf-sub-spam", "someone@example.net", { "X-Spam-Flag": "YES" });
    await send([`${local}+other@${domain}`], "pf-sub-blocked", "pest@blocked.example");
    await waitForLanded(env.ports.imap, box.address, PASSWORD, "pf-sub-spam");
    await waitForLanded(env.ports.imap, box.address, PASSWORD, "pf-sub-tag");
    const all = await listMailbox(env.ports.imap, box.address, PASSWORD);
    expect(all.map((m) => [m.subject, m.folder]).sort()).toEqual([
      ["pf-sub-spam", "Junk"],
      ["pf-sub-tag", "INBOX"],
    ]);
  });

  it("refuses an unknown name with a tag during the dialogue (550 5.1.1), and a switched-off one with 550 5.2.1", async () => {
    const unknown = `nobody-${Date.now().toString(36)}+tag@${domainName}`;
    const r = await send([unknown], "pf-sub-unknown");
    expect(r.rcpt[unknown]).toMatch(/^550 5\.1\.1 /);
    expect(r.data).toBeNull();
    const off = await newMailbox("sub-off");
    await updateMailboxSettings(
      customer,
      { subscriptionId, mailboxId: off.id, enabled: false, quotaMb: null, newPassword: "", confirmPassword: "" },
      { ip },
      db,
    );
    const tagged = off.address.replace("@", "+tag@");
    expect((await send([tagged], "pf-sub-off")).rcpt[tagged]).toMatch(/^550 5\.2\.1 /);
  });

  it("reaches an alias's targets; the catch-all takes only names that are neither mailbox nor alias", async () => {
    const member = await newMailbox("sub-member");
    const catcher = await newMailbox("sub-catcher");
    const plain = await newMailbox("sub-plain");
    const localPart = `subteam-${Date.now().toString(36)}`;
    await saveAlias(
      customer,
      aliasSchema.parse({ subscriptionId: String(subscriptionId), domainId: String(domainId), localPart, targets: member.address }),
      { ip },
      db,
    );
    await setCatchAll(customer, { subscriptionId, domainId, mailboxId: catcher.id }, { ip }, db);
    try {
      const toAlias = `${localPart}+list@${domainName}`;
      const toPlain = plain.address.replace("@", "+x@");
      const toNobody = `nobody-${Date.now().toString(36)}+y@${domainName}`;
      const r = await send([toAlias, toPlain, toNobody], "pf-sub-routes");
      expect(Object.values(r.rcpt)).toEqual([
        expect.stringMatching(/^250 /),
        expect.stringMatching(/^250 /),
        expect.stringMatching(/^250 /),
      ]);
      for (const box of [member, plain, catcher]) {
        expect((await waitForLanded(env.ports.imap, box.address, PASSWORD, "pf-sub-routes")).map((m) => m.folder)).toEqual(["INBOX"]);
      }
    } finally {
      await setCatchAll(customer, { subscriptionId, domainId, mailboxId: null }, { ip }, db);
    }
  });

  it("refuses a tagged address of a full mailbox at RCPT as the plain one (552)", async () => {
    const box = await newMailbox("sub-quota", 1);
    const tagged = box.address.replace("@", "+big@");
    const r = await smtpDialogue(env.postfixPort, { from: "sender@example.net", to: [tagged], subject: "pf-sub-big", size: 3_000_000 });
    expect(r.rcpt[tagged]).toMatch(/^552 5\.2\.2 /);
  });
});

describe("submission", () => {
  it("sends a user's mail through Postfix: to another mailbox over LMTP, to a foreign domain to the relay", async () => {
    const sender = (await newMailbox("sender")).address;
    const box = await newMailbox("sub-target");
    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port: env.ports.submission,
      secure: false,
      ignoreTLS: true,
      auth: { user: sender, pass: PASSWORD },
      connectionTimeout: 5_000,
    });
    try {
      await transport.sendMail({ from: sender, to: [box.address, "friend@outside.example"], subject: "pf-submitted", text: "Hello\n" });
    } finally {
      transport.close();
    }
    expect((await waitForLanded(env.ports.imap, box.address, PASSWORD, "pf-submitted")).map((m) => m.folder)).toEqual(["INBOX"]);
    const relayed = await waitForSinkMail(env.sinkDir, "pf-submitted");
    // Only the foreign recipient leaves; our own mailbox got its copy over LMTP.
    expect(relayed).toMatch(/^X-Sink-Rcpt-To: friend@outside\.example\r\n/);
  });
});
