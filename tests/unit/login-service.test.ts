import { sha, solveChallenge } from "altcha/lib";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, loginGrants, mfaFactors, users } from "@/db/schema";
import type { LoginArea } from "@/lib/auth/login-areas";
import { redeemLoginGrant } from "@/lib/auth/login-grants";
import { addressNeedsRobotCheck, attemptLogin, type LoginResult, SUSPICIOUS_ADDRESS_PAUSE_MS } from "@/lib/auth/login-service";
import { completeLoginWithCode } from "@/lib/auth/mfa/second-step";
import { createRobotChallenge } from "@/lib/robot-check/challenge";
import { MAX_FAILURES } from "@/lib/auth/throttle";
import {
  aCustomer,
  aCustomerWithPackage,
  aCustomerWithPanelPackages,
  aMailAccount,
  anAdmin,
  aReseller,
  aSupport,
  emptyDb,
  TEST_PASSWORD,
} from "../support/factories";
import { firstRow } from "@/db/rows";

/**
 * Staff, a reseller with a customer that has panel packages (mailboxes, one on grüne-wiese.example)
 * and a package without panel (mail accounts .001 and .002), and more logins of each kind; `id` holds
 * each login's name as typed on the login page.
 */
type Who =
  | "admin"
  | "support"
  | "reseller"
  | "reseller2"
  | "kunde"
  | "kunde2"
  | "kunde3"
  | "kundeNumber"
  | "kunde2Number"
  | "mailAdmin"
  | "mailAdminUpper"
  | "mailAccount2"
  | "mailbox"
  | "idnMailbox";
const id = {} as Record<Who, string>;
let handle: Awaited<ReturnType<typeof emptyDb>>;
beforeAll(async () => {
  handle = await emptyDb();
  const db = handle.db;
  const reseller = await aReseller(db);
  const world = await aCustomerWithPanelPackages(db);
  const mail = await aMailAccount(db, {
    sub: await aCustomerWithPackage(db, { reseller: world.reseller, customer: world.customer, package: { panel: "none" } }),
    extraAccounts: 1,
  });
  const kunde2 = await aCustomer(db, reseller);
  Object.assign(id, {
    admin: (await anAdmin(db)).label,
    support: (await aSupport(db)).label,
    reseller: world.reseller.email,
    reseller2: reseller.email,
    kunde: world.customer.email,
    kunde2: kunde2.email,
    kunde3: (await aCustomer(db)).email,
    kundeNumber: world.customer.customerNumber,
    kunde2Number: kunde2.customerNumber.toLowerCase(),
    mailAdmin: mail.admin.login,
    mailAdminUpper: mail.admin.login.toUpperCase(),
    mailAccount2: mail.accounts[0].login,
    mailbox: "info@alpenblick.example",
    idnMailbox: "Post@Grüne-Wiese.example",
  } satisfies Record<Who, string>);
});

const login = (area: LoginArea, identifier: string, password = TEST_PASSWORD, ip = "192.0.2.1") =>
  attemptLogin({ area, identifier, password, ip }, handle.db);
const userId = async (who: Who) => (await firstRow(handle.db.select({ id: users.id }).from(users).where(eq(users.email, id[who]))))!;

describe("login areas", () => {
  it.each([
    ["ksc", "admin", "admin"],
    ["ksc", "support", "support"],
    ["ksc", "reseller", "reseller"],
    ["ksc", "kunde", "customer"],
    ["ksc", "kundeNumber", "customer"],
    ["ksc", "kunde2Number", "customer"],
    ["mailadmin", "mailAdmin", "mailadmin"],
    ["mailbox", "mailbox", "mailbox"],
    ["mailbox", "idnMailbox", "mailbox"],
  ] as const)("%s: %s logs in as %s", async (area, who, role) => {
    const result = await login(area, id[who]);
    expect(result).toMatchObject({ ok: true, role });
  });

  it.each([
    ["ksc", "mailbox"],
    ["mailbox", "kunde"],
    ["mailadmin", "mailAccount2"],
    ["mailadmin", "kunde"],
    ["mailbox", "mailAdmin"],
    ["ksc", "mailAdminUpper"],
  ] as const)("%s never admits %s, whatever its password", async (area, who) => {
    expect(await login(area, id[who], TEST_PASSWORD, "192.0.2.50")).toEqual({ ok: false, reason: "invalid" });
  });

  it("answers a wrong password and an unknown account the same way", async () => {
    const wrong = await login("ksc", id.kunde, "falsch-falsch-falsch", "192.0.2.2");
    const unknown = await login("ksc", "niemand@test.example", "falsch-falsch-falsch", "192.0.2.2");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("hands out a grant that works once", async () => {
    const result = await login("ksc", id.kunde2);
    if (!result.ok) throw new Error("login failed");
    expect(await redeemLoginGrant(handle.db, result.grant)).toMatchObject({ kind: "user" });
    expect(await redeemLoginGrant(handle.db, result.grant)).toBeUndefined();
  });
});

describe("second factor", () => {
  it("asks an account with a second factor for it and issues no grant yet", async () => {
    const support = await userId("support");
    await handle.db
      .insert(mfaFactors)
      .values({ userId: support.id, kind: "webauthn", label: "Key", credentialId: "cred-1", publicKey: "pk", confirmedAt: new Date() });
    const grants = (await handle.db.select().from(loginGrants)).length;
    const result = await login("ksc", id.support);
    expect(result).toMatchObject({ ok: false, reason: "secondFactor", methods: { totp: false, webauthn: true } });
    if (!result.ok && result.reason === "secondFactor") expect(result.pendingToken).toMatch(/^[\w-]{43}$/);
    expect(await handle.db.select().from(loginGrants)).toHaveLength(grants);
    await handle.db.delete(mfaFactors).where(eq(mfaFactors.userId, support.id));
    expect(await login("ksc", id.support)).toMatchObject({ ok: true, role: "support" });
  });
});

describe("guessing limits", () => {
  it("locks an account after 10 failures in 15 minutes, even with the right password", async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      expect(await login("ksc", id.reseller2, `wrong-${i}`, `198.51.100.${i}`)).toMatchObject({ reason: "invalid" });
    }
    expect(await login("ksc", id.reseller2, "wrong-last", "198.51.100.99")).toMatchObject({ reason: "throttled" });
    const right = await login("ksc", id.reseller2, TEST_PASSWORD, "198.51.100.100");
    expect(right).toMatchObject({ ok: false, reason: "throttled" });
    if (!right.ok && right.reason === "throttled") expect(right.retryAfterMs).toBeGreaterThan(0);
  });

  it(
    "50 wrong guesses from one address lock nobody out: another user there logs in after the robot check",
    { timeout: 60_000 },
    async () => {
      const ip = "203.0.113.7";
      // Other tests mark addresses of their own in this database, before or after this one.
      const markedAddresses = async () =>
        (
          await handle.db
            .select({ ip: auditLog.ip })
            .from(auditLog)
            .where(eq(auditLog.action, "login.address_suspicious"))
            .orderBy(asc(auditLog.id))
        ).map((a) => a.ip);
      const markedBefore = await markedAddresses();
      const pauses: number[] = [];
      const answers: LoginResult[] = [];
      for (let i = 0; i < 50; i++)
        answers.push(
          await attemptLogin({ area: "mailbox", identifier: `nobody${i % 7}@alpenblick.example`, password: "x", ip }, handle.db),
        );
      // The first ten were checked; the tenth says the next attempt needs the robot check, and from then
      // on no password is checked without it.
      expect(answers.slice(0, MAX_FAILURES - 1)).toEqual(Array(MAX_FAILURES - 1).fill({ ok: false, reason: "invalid" }));
      expect(answers[MAX_FAILURES - 1]).toEqual({ ok: false, reason: "invalid", robotCheck: true });
      expect(answers.slice(MAX_FAILURES)).toEqual(Array(50 - MAX_FAILURES).fill({ ok: false, reason: "robotCheck" }));
      expect(await addressNeedsRobotCheck(ip, handle.db)).toBe(true);
      expect(await markedAddresses()).toEqual([...markedBefore, ip]);

      const right = { area: "ksc" as const, identifier: id.kunde3, password: TEST_PASSWORD, ip };
      expect(await attemptLogin(right, handle.db, { pause: async (ms) => void pauses.push(ms) })).toEqual({
        ok: false,
        reason: "robotCheck",
      });
      expect(await attemptLogin({ ...right, robotCheck: "forged" }, handle.db)).toEqual({ ok: false, reason: "robotCheck" });
      const solved = await solveRobotCheck();
      expect(await attemptLogin({ ...right, robotCheck: solved }, handle.db, { pause: async (ms) => void pauses.push(ms) })).toMatchObject({
        ok: true,
        role: "customer",
      });
      // Each attempt from the marked address waits before its password is checked; a solution counts once.
      expect(pauses).toEqual([SUSPICIOUS_ADDRESS_PAUSE_MS]);
      expect(await attemptLogin({ ...right, robotCheck: solved }, handle.db)).toEqual({ ok: false, reason: "robotCheck" });
      // Elsewhere nothing changed.
      expect(await login("ksc", id.kunde3, TEST_PASSWORD, "203.0.113.8")).toMatchObject({ ok: true });
    },
  );

  it("the second factor is refused only by the account's lock, not by a marked address", { timeout: 60_000 }, async () => {
    const ip = "203.0.113.9";
    for (let i = 0; i < MAX_FAILURES; i++) await login("mailbox", `nobody${i}@bergsee.example`, "x", ip);
    expect(await addressNeedsRobotCheck(ip, handle.db)).toBe(true);
    const codeAccount = await userId("reseller");
    await handle.db
      .insert(mfaFactors)
      .values({ userId: codeAccount.id, kind: "webauthn", label: "Key", credentialId: "cred-2", publicKey: "pk", confirmedAt: new Date() });
    const first = await attemptLogin(
      { area: "ksc", identifier: id.reseller, password: TEST_PASSWORD, ip, robotCheck: await solveRobotCheck() },
      handle.db,
      { pause: async () => {} },
    );
    expect(first).toMatchObject({ ok: false, reason: "secondFactor" });
    if (first.ok || first.reason !== "secondFactor") return;
    expect(await completeLoginWithCode({ token: first.pendingToken, code: "000000", ip }, handle.db)).toEqual({
      ok: false,
      reason: "invalid",
    });
    await handle.db.delete(mfaFactors).where(eq(mfaFactors.userId, codeAccount.id));
  });
});

/** Does what the widget does in the browser: fetch a challenge, solve it, post base64 JSON. */
async function solveRobotCheck(): Promise<string> {
  const challenge = await createRobotChallenge();
  const solution = await solveChallenge({ challenge, deriveKey: sha.deriveKey });
  if (!solution) throw new Error("unsolved");
  return Buffer.from(
    JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }),
  ).toString("base64");
}
