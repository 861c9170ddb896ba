/**
 * LD-01 as a bounded test: 50 logins at once through the real login service (argon2id, throttle,
 * audit) on an on-disk database. Right passwords get in, wrong ones do not, no attempt is lost or
 * answered twice, the failure counters count every failure exactly once, and argon2 never runs on
 * more than (cores − 1) threads at a time. No timing is asserted. The accounts are the test's own
 * (factories), one of each login kind the demo has, on a database of its own.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPoolStats } from "@/lib/auth/hash-pool";
import type { LoginArea } from "@/lib/auth/login-areas";
import { redeemLoginGrant } from "@/lib/auth/login-grants";
import { attemptLogin, type LoginResult } from "@/lib/auth/login-service";
import { MAX_FAILURES } from "@/lib/auth/throttle";
import { createDiskDb, type DiskDb } from "../support/disk-db";
import {
  aCustomer,
  aCustomerWithPackage,
  aDomainWithMailboxes,
  aMailAccount,
  anAdmin,
  aReseller,
  aSupport,
  TEST_PASSWORD,
  type TestDb,
} from "../support/factories";

// Counts the verifications asked of the real hash pool; the pool itself reports how many ran at once.
const argon = vi.hoisted(() => ({ verifies: 0 }));
vi.mock("@/lib/auth/hash-pool", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/hash-pool")>();
  return { ...real, argon2Verify: (...args: Parameters<typeof real.argon2Verify>) => (argon.verifies++, real.argon2Verify(...args)) };
});

type Attempt = { area: LoginArea; identifier: string; password: string; ip: string };

/** Every kind of login with its right password; built in beforeAll. */
let RIGHT: [LoginArea, string][] = [];
/** Just below the lock: these wrong passwords must all count, and the right one must still work after. */
const NEAR_LOCK = { area: "mailbox" as const, identifier: "" };
/** Past the lock: 15 wrong passwords at once against one account, each from its own address. */
const OVER_LOCK = { area: "ksc" as const, identifier: "", count: 15 };
/** Password spraying from one address over unknown accounts: the address must then pass the robot check. */
const SPRAY = { ip: "203.0.113.77", count: 12 };

let handle: DiskDb;
let results: { attempt: Attempt; result: LoginResult }[] = [];
/**
 * What the storm left, read once right after it: the "afterwards" test logs in again (another argon2
 * run, a success, a cleared throttle row), and the tests pass in any order (vitest --sequence.shuffle).
 */
const storm = { verifies: 0, successes: 0, rows: new Map<string, ReturnType<typeof throttleRow>>() };

function throttleRow(key: string) {
  return handle.sqlite.prepare("SELECT failures, locked_until AS lockedUntil FROM auth_throttle WHERE key = ?").get(key) as
    { failures: number; lockedUntil: number | null } | undefined;
}

const pick = (group: (a: Attempt) => boolean) => results.filter((r) => group(r.attempt)).map((r) => r.result);
const reasons = (rs: LoginResult[]) => rs.map((r) => (r.ok ? "ok" : r.reason)).sort();

/**
 * Staff, two resellers, a customer by e-mail and one by customer number, a `.001` account, mailboxes
 * (one on a domain with an umlaut, typed as such), and the two accounts the failures go to.
 */
async function buildLogins(db: TestDb) {
  const reseller = await aReseller(db);
  const byNumber = await aCustomer(db, reseller);
  const { mailboxes } = await aDomainWithMailboxes(db, 6, {
    localParts: ["info", "anna", "max.mustermann", "buero", "kontakt", "vertrieb"],
  });
  const umlaut = await aDomainWithMailboxes(db, 1, {
    sub: await aCustomerWithPackage(db, { domain: "grüne-aue.example" }),
    localParts: ["post"],
  });
  RIGHT = [
    ["ksc", (await anAdmin(db)).label],
    ["ksc", (await aSupport(db)).label],
    ["ksc", reseller.email],
    ["ksc", (await aReseller(db)).email],
    ["ksc", (await aCustomer(db, reseller)).email],
    ["ksc", byNumber.customerNumber],
    ["mailadmin", (await aMailAccount(db)).admin.login],
    ...mailboxes.map((m): [LoginArea, string] => ["mailbox", m.address]),
    ["mailbox", "post@grüne-aue.example"],
  ];
  expect(umlaut.mailboxes[0].address).toBe("post@xn--grne-aue-75a.example");
  NEAR_LOCK.identifier = (await aDomainWithMailboxes(db, 1)).mailboxes[0].address;
  OVER_LOCK.identifier = (await aCustomer(db)).email;
}

beforeAll(async () => {
  handle = await createDiskDb("kontor-login-storm-", { seeded: false });
  await buildLogins(handle.db);
  argon.verifies = 0;
  const attempts: Attempt[] = [
    ...RIGHT.map(([area, identifier], i) => ({ area, identifier, password: TEST_PASSWORD, ip: `198.51.100.${i + 1}` })),
    ...Array.from({ length: MAX_FAILURES - 1 }, (_, i) => ({ ...NEAR_LOCK, password: `Falsch-${i}-Passwort-x`, ip: `192.0.2.${i + 1}` })),
    ...Array.from({ length: OVER_LOCK.count }, (_, i) => ({ ...OVER_LOCK, password: `Falsch-${i}-Passwort-y`, ip: `192.0.2.${i + 101}` })),
    ...Array.from({ length: SPRAY.count }, (_, i) => ({
      area: "ksc" as const,
      identifier: `niemand${i}@example.org`,
      password: TEST_PASSWORD,
      ip: SPRAY.ip,
    })),
  ];
  // All at once: each attempt passes the lock check before any argon2 run has finished.
  const settled = await Promise.allSettled(attempts.map((attempt) => attemptLogin(attempt, handle.db)));
  results = settled.map((s, i) => {
    if (s.status === "rejected") throw new Error(`attempt ${i} threw: ${String(s.reason)}`);
    return { attempt: attempts[i], result: s.value };
  });
  storm.verifies = argon.verifies;
  storm.successes = (handle.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'login.success'").get() as { n: number }).n;
  for (const key of [
    `acct:mailbox:${NEAR_LOCK.identifier}`,
    `acct:ksc:${OVER_LOCK.identifier}`,
    `ip:${SPRAY.ip}`,
    "acct:ksc:niemand0@example.org",
  ])
    storm.rows.set(key, throttleRow(key));
}, 60_000);

/** A throttle row as the storm left it. */
const stormRow = (key: string) => storm.rows.get(key);

afterAll(() => handle?.remove());

describe("LD-01 login storm through the real login service", () => {
  it("answers every attempt exactly once and runs one argon2 verification per attempt", () => {
    expect(results).toHaveLength(RIGHT.length + (MAX_FAILURES - 1) + OVER_LOCK.count + SPRAY.count);
    expect(storm.verifies).toBe(results.length);
  });

  it("lets every right password in with its own single-use grant for the right account", async () => {
    const ok = pick((a) => a.password === TEST_PASSWORD && !a.identifier.startsWith("niemand"));
    expect(ok.every((r) => r.ok)).toBe(true);
    const grants = ok.map((r) => (r.ok ? r.grant : ""));
    expect(new Set(grants).size).toBe(RIGHT.length);
    for (const grant of grants) {
      expect(await redeemLoginGrant(handle.db, grant)).toMatchObject({ id: expect.any(Number) as number });
      expect(await redeemLoginGrant(handle.db, grant)).toBeUndefined();
    }
    expect(storm.successes).toBe(RIGHT.length);
  });

  it("counts every wrong password below the lock, without locking", () => {
    expect(reasons(pick((a) => a.identifier === NEAR_LOCK.identifier))).toEqual(Array(MAX_FAILURES - 1).fill("invalid"));
    expect(stormRow(`acct:mailbox:${NEAR_LOCK.identifier}`)).toEqual({ failures: MAX_FAILURES - 1, lockedUntil: null });
  });

  it("locks at exactly the 10th concurrent failure and counts the rest", () => {
    const expected = [
      ...Array<string>(MAX_FAILURES - 1).fill("invalid"),
      ...Array<string>(OVER_LOCK.count - MAX_FAILURES + 1).fill("throttled"),
    ].sort();
    expect(reasons(pick((a) => a.identifier === OVER_LOCK.identifier))).toEqual(expected);
    const row = stormRow(`acct:ksc:${OVER_LOCK.identifier}`);
    expect(row?.failures).toBe(OVER_LOCK.count);
    expect(row?.lockedUntil).toBeGreaterThan(Date.now());
  });

  it("marks the spraying address after 10 failures, although each account saw only one, without locking anybody", () => {
    // All attempts started before the 10th failure, so each was checked; the later ones say that the
    // next attempt from this address needs the robot check.
    expect(reasons(pick((a) => a.ip === SPRAY.ip))).toEqual(Array<string>(SPRAY.count).fill("invalid"));
    const flagged = pick((a) => a.ip === SPRAY.ip).filter((r) => !r.ok && r.reason === "invalid" && r.robotCheck);
    expect(flagged.length).toBe(SPRAY.count - MAX_FAILURES + 1);
    expect(stormRow(`ip:${SPRAY.ip}`)?.failures).toBe(SPRAY.count);
    expect(stormRow("acct:ksc:niemand0@example.org")?.failures).toBe(1);
  });

  it("keeps argon2 within the hash slots (cores − 1, at least 1), and uses all of them", () => {
    const { slots, peakBusy } = hashPoolStats();
    expect(peakBusy).toBe(slots);
  });

  it("afterwards: the account below the lock still gets in; the locked account does not, the marked address must pass the robot check", async () => {
    expect(await attemptLogin({ ...NEAR_LOCK, password: TEST_PASSWORD, ip: "192.0.2.200" }, handle.db)).toMatchObject({ ok: true });
    expect(throttleRow(`acct:mailbox:${NEAR_LOCK.identifier}`)).toBeUndefined();
    expect(await attemptLogin({ ...OVER_LOCK, password: TEST_PASSWORD, ip: "192.0.2.201" }, handle.db)).toMatchObject({
      reason: "throttled",
    });
    expect(
      await attemptLogin(
        { area: "mailbox", identifier: RIGHT.find(([area]) => area === "mailbox")?.[1] ?? "", password: TEST_PASSWORD, ip: SPRAY.ip },
        handle.db,
      ),
    ).toEqual({ ok: false, reason: "robotCheck" });
  });

  it("leaves the database intact", () => {
    expect(handle.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
  });
});
