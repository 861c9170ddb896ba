/**
 * Guessing mailbox passwords over IMAP against the production Dovecot config (AU-04 / decision 10):
 * Dovecot's auth_failure_delay (2 s) holds every refusal, and the anvil auth penalty holds every
 * further login from the guessing address for 4, 8, then 15 s, the right password included, until a
 * login succeeds. Another address is not slowed by it. The delays asserted are lower bounds that
 * Dovecot's own timers guarantee — a slow machine only makes them longer — never speed limits.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiskDb, type DiskDb } from "../support/disk-db";
import { aDomainWithMailboxes, TEST_PASSWORD } from "../support/factories";
import { type OwnDovecot, startOwnDovecot } from "../support/own-dovecot";
import { type RawLoginResult, rawImapLogin } from "../support/raw-imap";

/** The guessed mailbox, the only one in the test's own database (factories). */
let guessed = "";
/** A second loopback address: to Dovecot another client, with no penalty of its own. */
const OTHER_ADDRESS = "127.0.0.2";

let handle: DiskDb;
let dovecot: OwnDovecot;
let testConfig: OwnDovecot;

const PATH = `${process.env.PATH ?? ""}:/usr/sbin:/usr/bin`;

function run(tool: "doveconf" | "doveadm", conf: string, args: string[]): string {
  const r = spawnSync(tool, ["-c", conf, ...args], { encoding: "utf8", timeout: 10_000, env: { ...process.env, PATH } });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}
const doveconf = (conf: string, ...args: string[]) => run("doveconf", conf, args);
const doveadm = (...args: string[]) => run("doveadm", dovecot.conf, args);

/** anvil's penalty per client address, as `doveadm penalty` lists it. */
function penalties(): Map<string, number> {
  const rows = doveadm("penalty").trim().split("\n").slice(1);
  return new Map(rows.map((row) => row.trim().split(/\s+/)).map(([ip, penalty]) => [ip, Number(penalty)]));
}

beforeAll(async () => {
  handle = await createDiskDb("kontor-auth-penalty-", { seeded: false });
  guessed = (await aDomainWithMailboxes(handle.db, 1, { localParts: ["info"] })).mailboxes[0].address;
  await handle.close();
  dovecot = await startOwnDovecot(handle.dir, handle.file, true, undefined, handle.databaseUrl);
}, 60_000);

afterAll(async () => {
  await dovecot?.stop();
  await testConfig?.stop();
  await handle?.remove();
});

describe("Dovecot with the production config", () => {
  it("keeps the failure delay and the anvil penalty socket that the test config switches off", async () => {
    expect(doveconf(dovecot.conf, "-h", "auth_failure_delay").trim()).toBe("2 secs");
    expect(doveconf(dovecot.conf, "-n")).not.toMatch(/anvil-auth-penalty\s*\{\s*mode = 0/);
    // The contrast, so the check above can fail: the test config turns both off.
    testConfig = await startOwnDovecot(`${handle.dir}/test-config`, handle.file, false, undefined, handle.databaseUrl);
    expect(doveconf(testConfig.conf, "-h", "auth_failure_delay").trim()).toBe("0");
    expect(doveconf(testConfig.conf, "-n")).toMatch(/anvil-auth-penalty\s*\{\s*mode = 0/);
    await testConfig.stop();
  }, 30_000);

  it("delays each refusal and grows the penalty of the guessing address; the right password still gets in and clears it", async () => {
    const failures: RawLoginResult[] = [];
    // Different wrong passwords each time: Dovecot does not raise the penalty for a repeated one.
    for (let i = 0; i < 3; i++) failures.push(await rawImapLogin(dovecot.ports.imap, guessed, `Geraten-${i}-Passwort-Versuch`));
    expect(failures.map((f) => f.ok)).toEqual([false, false, false]);
    expect(failures.every((f) => /AUTHENTICATIONFAILED/.test(f.answer))).toBe(true);
    // auth_failure_delay: at least 1 s (it is 2 s, checked with one-second resolution).
    expect(failures[0].ms).toBeGreaterThanOrEqual(1_000);
    // Penalty 1 → 4 s and penalty 2 → 8 s before the password is even checked, plus the failure delay.
    expect(failures[1].ms).toBeGreaterThanOrEqual(4_000 + 1_000);
    expect(failures[2].ms).toBeGreaterThanOrEqual(8_000 + 1_000);

    expect(penalties().get("127.0.0.1")).toBe(3);

    // Another client address is not affected by the guesser's penalty.
    const other = await rawImapLogin(dovecot.ports.imap, guessed, TEST_PASSWORD, { localAddress: OTHER_ADDRESS });
    expect(other.ok).toBe(true);
    expect(penalties().get(OTHER_ADDRESS) ?? 0).toBe(0);

    // The owner behind the guessing address still gets in, after the penalty wait (15 s at most),
    // and the success clears that address's penalty.
    const penalised = await rawImapLogin(dovecot.ports.imap, guessed, TEST_PASSWORD);
    expect(penalised.ok).toBe(true);
    expect(penalised.ms).toBeGreaterThanOrEqual(8_000);
    expect(penalties().get("127.0.0.1") ?? 0).toBe(0);
  }, 55_000);
});
