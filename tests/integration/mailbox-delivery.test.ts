/**
 * The mailbox user's settings reach Dovecot: services write the settings (and the Sieve scripts),
 * real messages go in over LMTP, and IMAP shows where each landed. Redirects leave through a real
 * SMTP listener on loopback. Runs its own Dovecot on a seeded temp database and free ports, so it
 * never touches the shared demo database; each test works on mailboxes it builds with the factories.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { loadActor } from "@/lib/auth/principals";
import { changeOwnMailboxPassword } from "@/lib/services/mailbox-settings/change-own-password";
import { addOwnForward, setOwnKeepCopy } from "@/lib/services/mailbox-settings/forwards";
import { addOwnSenderRule } from "@/lib/services/mailbox-settings/sender-rules";
import { setOwnSpamSettings } from "@/lib/services/mailbox-settings/spam";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { deliverLmtp, listMailbox, waitForSinkMail } from "../support/mailbox-delivery";
import { type SeededDovecot, startSeededDovecot } from "../support/seeded-dovecot";
import { firstRow } from "@/db/rows";
import { aCustomerWithPackage, aDomainWithMailboxes, TEST_PASSWORD } from "../support/factories";

let env: SeededDovecot;
let db: SeededDovecot["db"];
let ports: SeededDovecot["ports"];
let sinkDir = "";
const ip = "192.0.2.55";
const CHANNEL = { via: "mailbox-settings", locale: "de" } as const;

beforeAll(async () => {
  env = await startSeededDovecot("kontor-delivery-");
  ({ db, ports, sinkDir } = env);
});

afterAll(async () => {
  await env?.stop();
});

async function actor(address: string) {
  const m = await firstRow(db.select({ id: schema.mailboxes.id }).from(schema.mailboxes).where(eq(schema.mailboxes.address, address)));
  return (await loadActor(db, "mailbox", m!.id))!;
}
const landed = async (address: string, subject: string) =>
  (await listMailbox(ports.imap, address, TEST_PASSWORD)).filter((m) => m.subject === subject);
/** A mailbox `localPart@` of a new customer's domain (or of `domain`), with the default spam settings. */
const aMailbox = async (localPart: string, domain?: string) =>
  (
    await aDomainWithMailboxes(db, 1, {
      localParts: [localPart],
      sub: domain === undefined ? undefined : await aCustomerWithPackage(db, { domain }),
    })
  ).mailboxes[0].address;

describe("forwarding", () => {
  it("redirects to the target through the loopback SMTP listener and keeps a copy when asked", async () => {
    const address = await aMailbox("anna");
    await addOwnForward(await actor(address), { target: "copy-target@example.org" }, ip, db);
    expect(await deliverLmtp(ports.lmtp, { from: "sender@example.net", to: address, subject: "fw-with-copy" })).toMatch(/^250/);
    const relayed = await waitForSinkMail(sinkDir, "fw-with-copy");
    expect(relayed).toContain("X-Sink-Rcpt-To: copy-target@example.org");
    expect((await landed(address, "fw-with-copy")).map((m) => m.folder)).toEqual(["INBOX"]);
  });

  it("keeps nothing when the copy is switched off", async () => {
    const address = await aMailbox("info");
    await addOwnForward(await actor(address), { target: "only-target@example.org" }, ip, db);
    await setOwnKeepCopy(await actor(address), { keepCopy: false }, ip, db);
    await deliverLmtp(ports.lmtp, { from: "sender@example.net", to: address, subject: "fw-no-copy" });
    expect(await waitForSinkMail(sinkDir, "fw-no-copy")).toContain("X-Sink-Rcpt-To: only-target@example.org");
    expect(await landed(address, "fw-no-copy")).toEqual([]);
  });
});

describe("black-/whitelist and spam", () => {
  /** One mailbox for both tests of this block: each looks only at its own subjects. */
  let address = "";

  beforeAll(async () => {
    address = await aMailbox("max.mustermann");
    const a = await actor(address);
    await addOwnSenderRule(a, { kind: "block", pattern: "@blocked.example" }, ip, db);
    await addOwnSenderRule(a, { kind: "block", pattern: "pest@example.net" }, ip, db);
    await addOwnSenderRule(a, { kind: "allow", pattern: "friend@trusted.example" }, ip, db);
    await setOwnSpamSettings(a, { enabled: true, level: 3, action: "junk" }, ip, db);
  });

  it("never lets a blacklisted sender (address, domain or subdomain) reach the mailbox", async () => {
    for (const [from, subject] of [
      ["x@blocked.example", "bl-domain"],
      ["y@mail.blocked.example", "bl-sub"],
      ["Pest@Example.net", "bl-address"],
    ]) {
      expect(await deliverLmtp(ports.lmtp, { from, to: address, subject })).toMatch(/^250/);
    }
    const all = await listMailbox(ports.imap, address, TEST_PASSWORD);
    expect(all.filter((m) => m.subject.startsWith("bl-"))).toEqual([]);
  });

  it("lets a whitelisted sender's spam-flagged mail into the INBOX, while the same from others goes to Junk", async () => {
    await deliverLmtp(ports.lmtp, { from: "friend@trusted.example", to: address, subject: "wl-spam", headers: { "X-Spam-Flag": "YES" } });
    await deliverLmtp(ports.lmtp, { from: "stranger@example.net", to: address, subject: "other-spam", headers: { "X-Spam-Flag": "YES" } });
    await deliverLmtp(ports.lmtp, { from: "stranger@example.net", to: address, subject: "ham" });
    expect((await landed(address, "wl-spam")).map((m) => m.folder)).toEqual(["INBOX"]);
    expect((await landed(address, "other-spam")).map((m) => [m.folder, m.specialUse])).toEqual([["Junk", "\\Junk"]]);
    expect((await landed(address, "ham")).map((m) => m.folder)).toEqual(["INBOX"]);
  });
});

describe("spam actions and sensitivity", () => {
  it("level decides by X-Spam-Score; negative or odd scores are not spam", async () => {
    const address = await aMailbox("info"); // default: level 3 (score ≥ 5) → Junk
    for (const [score, subject] of [
      ["5.4", "score-5.4"],
      ["4.9", "score-4.9"],
      ["-7.0", "score-neg"],
      ["abc", "score-abc"],
    ]) {
      await deliverLmtp(ports.lmtp, { from: "s@example.net", to: address, subject, headers: { "X-Spam-Score": score } });
    }
    const folder = async (s: string) => (await landed(address, s)).map((m) => m.folder);
    expect(await folder("score-5.4")).toEqual(["Junk"]);
    expect(await folder("score-4.9")).toEqual(["INBOX"]);
    expect(await folder("score-neg")).toEqual(["INBOX"]);
    expect(await folder("score-abc")).toEqual(["INBOX"]);
    await setOwnSpamSettings(await actor(address), { enabled: true, level: 5, action: "junk" }, ip, db); // strict: ≥ 2
    await deliverLmtp(ports.lmtp, { from: "s@example.net", to: address, subject: "strict-2.5", headers: { "X-Spam-Score": "2.5" } });
    expect(await folder("strict-2.5")).toEqual(["Junk"]);
  });

  it("mark keeps spam in the INBOX, flagged and tagged", async () => {
    const address = await aMailbox("info");
    await setOwnSpamSettings(await actor(address), { enabled: true, level: 3, action: "mark" }, ip, db);
    await deliverLmtp(ports.lmtp, { from: "s@example.net", to: address, subject: "marked", headers: { "X-Spam-Flag": "YES" } });
    const [m] = await landed(address, "marked");
    expect(m.folder).toBe("INBOX");
    expect(m.flags).toContain("$Junk");
    expect(m.header).toMatch(/^X-Kontor-Spam: yes/im);
  });

  it("delete discards spam and delivers the rest; off delivers everything", async () => {
    const address = await aMailbox("info");
    await setOwnSpamSettings(await actor(address), { enabled: true, level: 3, action: "delete" }, ip, db);
    await deliverLmtp(ports.lmtp, { from: "s@example.net", to: address, subject: "deleted", headers: { "X-Spam-Flag": "YES" } });
    await deliverLmtp(ports.lmtp, { from: "s@example.net", to: address, subject: "kept" });
    expect(await landed(address, "deleted")).toEqual([]);
    expect((await landed(address, "kept")).map((m) => m.folder)).toEqual(["INBOX"]);
    await setOwnSpamSettings(await actor(address), { enabled: false, level: 3, action: "delete" }, ip, db);
    await deliverLmtp(ports.lmtp, { from: "s@example.net", to: address, subject: "filter-off", headers: { "X-Spam-Flag": "YES" } });
    expect((await landed(address, "filter-off")).map((m) => m.folder)).toEqual(["INBOX"]);
  });
});

describe("password change", () => {
  it("the old password is refused and the new one accepted at IMAP and SMTP submission", async () => {
    // On an internationalised domain: Dovecot knows the address by its ASCII (punycode) form.
    const address = await aMailbox("post", "grüne-aue.example");
    expect(address).toBe("post@xn--grne-aue-75a.example");
    const next = "Kiefernzapfen-Bachlauf-77?";
    expect(await imapLogin(address, TEST_PASSWORD, ports.imap)).toBe(true);
    await changeOwnMailboxPassword(
      await actor(address),
      { currentPassword: TEST_PASSWORD, newPassword: next, confirmPassword: next },
      ip,
      CHANNEL,
      db,
    );
    expect(await imapLogin(address, TEST_PASSWORD, ports.imap)).toBe(false);
    expect(await submissionLogin(address, TEST_PASSWORD, ports.submission)).toBe(false);
    expect(await imapLogin(address, next, ports.imap)).toBe(true);
    expect(await submissionLogin(address, next, ports.submission)).toBe(true);
  });
});
