/**
 * LD-02 as a bounded test: two rounds of 110 simultaneous logins (IMAP and SMTP submission AUTH, right
 * and wrong passwords) against a Dovecot of this test's own that verifies the panel's argon2id hashes
 * from a database of its own, with the mailboxes and the mail account it builds (factories). Every
 * right password gets in, every wrong one is refused, no login errors out, and Dovecot keeps serving
 * with nothing fatal in its log. The test config (no failure delay, no per-IP penalty) is used so one
 * source address can send the storm; the penalty itself is tested in dovecot-auth-penalty.test.ts.
 * No timing is asserted.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runningPid } from "@/scripts/lib/dovecot-process";
import { createDiskDb, type DiskDb } from "../support/disk-db";
import { aDomainWithMailboxes, aMailAccount, TEST_PASSWORD } from "../support/factories";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { type OwnDovecot, startOwnDovecot } from "../support/own-dovecot";

// Eight logins with an argon2id hash (seven mailboxes and a `.001` account, built in beforeAll).
// Dovecot allows 10 sessions per user and IP (mail_max_userip_connections): right IMAP logins stay at
// 7 per user, wrong ones open no session. One round stays at 90 IMAP connections, as when each
// connection had a login process of its own (limit 100); the reused login processes of
// lib/mail/dovecot-config.ts take far more. Every user's first right login per auth worker and every
// wrong one run argon2; repeated right ones are answered by the Lua passdb from memory.
let USERS: string[] = [];
const ROUNDS = 2;
const IMAP_RIGHT = 54;
const IMAP_WRONG = 36;
const SUBMISSION_EACH = 10;

type Login = { channel: "imap" | "submission"; user: string; right: boolean };

let handle: DiskDb;
let dovecot: OwnDovecot;
const outcomes: { login: Login; accepted: boolean }[] = [];

function storm(round: number): Login[] {
  const user = (i: number) => USERS[i % USERS.length];
  return [
    ...Array.from({ length: IMAP_RIGHT }, (_, i) => ({ channel: "imap" as const, user: user(i), right: true })),
    ...Array.from({ length: IMAP_WRONG }, (_, i) => ({ channel: "imap" as const, user: user(i + round), right: false })),
    ...Array.from({ length: SUBMISSION_EACH }, (_, i) => ({ channel: "submission" as const, user: user(i), right: true })),
    ...Array.from({ length: SUBMISSION_EACH }, (_, i) => ({ channel: "submission" as const, user: user(i + 3), right: false })),
  ];
}

function attempt(login: Login, index: number): Promise<boolean> {
  // Each wrong password differs, as a guessing attacker's would.
  const password = login.right ? TEST_PASSWORD : `Falsch-${index}-Passwort-Sturm`;
  return login.channel === "imap"
    ? imapLogin(login.user, password, dovecot.ports.imap)
    : submissionLogin(login.user, password, dovecot.ports.submission);
}

beforeAll(async () => {
  handle = await createDiskDb("kontor-auth-storm-", { seeded: false });
  const { mailboxes } = await aDomainWithMailboxes(handle.db, 7);
  USERS = [...mailboxes.map((m) => m.address), (await aMailAccount(handle.db)).admin.login];
  await handle.close(); // Dovecot is the only reader during the storm
  dovecot = await startOwnDovecot(handle.dir, handle.file, false, undefined, handle.databaseUrl);
  for (let round = 0; round < ROUNDS; round++) {
    const logins = storm(round);
    const settled = await Promise.allSettled(logins.map((login, i) => attempt(login, round * 1000 + i)));
    settled.forEach((s, i) => {
      // A connection error or timeout is a lost login, not a refusal: fail loudly with its reason.
      if (s.status === "rejected") throw new Error(`round ${round}, ${logins[i].channel} ${logins[i].user}: ${String(s.reason)}`);
      outcomes.push({ login: logins[i], accepted: s.value });
    });
  }
}, 60_000);

afterAll(async () => {
  await dovecot?.stop();
  await handle?.remove();
});

describe("LD-02 Dovecot authentication storm", () => {
  it("answered every login of every round", () => {
    expect(outcomes).toHaveLength(ROUNDS * (IMAP_RIGHT + IMAP_WRONG + 2 * SUBMISSION_EACH));
  });

  it("let every right password in, over IMAP and submission", () => {
    const right = outcomes.filter((o) => o.login.right);
    expect(right.filter((o) => !o.accepted).map((o) => `${o.login.channel} ${o.login.user}`)).toEqual([]);
    expect(right.length).toBe(ROUNDS * (IMAP_RIGHT + SUBMISSION_EACH));
  });

  it("refused every wrong password", () => {
    const wrong = outcomes.filter((o) => !o.login.right);
    expect(wrong.filter((o) => o.accepted).map((o) => `${o.login.channel} ${o.login.user}`)).toEqual([]);
    expect(wrong.length).toBe(ROUNDS * (IMAP_WRONG + SUBMISSION_EACH));
  });

  it("keeps serving afterwards: same master, a fresh login works, nothing fatal or out of memory in the log", async () => {
    expect(runningPid(dovecot.dir)).toBe(dovecot.pid);
    expect(await imapLogin(USERS[0], TEST_PASSWORD, dovecot.ports.imap)).toBe(true);
    expect(await imapLogin(USERS[0], "Falsch-danach-Passwort-1", dovecot.ports.imap)).toBe(false);
    const log = fs.readFileSync(dovecot.log, "utf8");
    // "Auth request was queued for N seconds" is Dovecot's back-pressure when every auth worker is busy:
    // logged as an error, but the request is served. On a loaded machine the storm queues for seconds.
    const faults = log
      .split("\n")
      .filter((line) => /Fatal:|Panic:|Out of memory|vsz_limit|Error: .*auth/i.test(line) && !/Auth request was queued/.test(line));
    expect(faults).toEqual([]);
  });
});
