import { sha, solveChallenge } from "altcha/lib";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, loginGrants, mfaFactors, users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed";
import type { LoginArea } from "@/lib/auth/login-areas";
import { redeemLoginGrant } from "@/lib/auth/login-grants";
import { addressNeedsRobotCheck, attemptLogin, type LoginResult, SUSPICIOUS_ADDRESS_PAUSE_MS } from "@/lib/auth/login-service";
import { completeLoginWithCode } from "@/lib/auth/mfa/second-step";
import { createRobotChallenge } from "@/lib/robot-check/challenge";
import { MAX_FAILURES } from "@/lib/auth/throttle";
import { createSeededDb } from "../support/seeded-db";
import { firstRow } from "@/db/rows";

let handle: Awaited<ReturnType<typeof createSeededDb>>;
beforeAll(async () => {
  handle = await createSeededDb();
});

const login = (area: LoginArea, identifier: string, password = DEMO_PASSWORD, ip = "192.0.2.1") =>
  attemptLogin({ area, identifier, password, ip }, handle.db);

describe("login areas", () => {
  it.each([
    ["ksc", "admin@kontor.example", "admin"],
    ["ksc", "support@kontor.example", "support"],
    ["ksc", "reseller@kontor.example", "reseller"],
    ["ksc", "kunde@kontor.example", "customer"],
    ["ksc", "K10001", "customer"],
    ["ksc", "k10002", "customer"],
    ["mailadmin", "k10001.001", "mailadmin"],
    ["mailbox", "info@alpenblick.example", "mailbox"],
    ["mailbox", "Post@Grüne-Wiese.example", "mailbox"],
  ] as const)("%s: %s logs in as %s", async (area, identifier, role) => {
    const result = await login(area, identifier);
    expect(result).toMatchObject({ ok: true, role });
  });

  it.each([
    ["ksc", "info@alpenblick.example"],
    ["mailbox", "kunde@kontor.example"],
    ["mailadmin", "k10001.002"],
    ["mailadmin", "kunde@kontor.example"],
    ["mailbox", "k10001.001"],
    ["ksc", "K10001.001"],
  ] as const)("%s never admits %s, whatever its password", async (area, identifier) => {
    expect(await login(area, identifier, DEMO_PASSWORD, "192.0.2.50")).toEqual({ ok: false, reason: "invalid" });
  });

  it("answers a wrong password and an unknown account the same way", async () => {
    const wrong = await login("ksc", "kunde@kontor.example", "falsch-falsch-falsch", "192.0.2.2");
    const unknown = await login("ksc", "niemand@kontor.example", "falsch-falsch-falsch", "192.0.2.2");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("hands out a grant that works once", async () => {
    const result = await login("ksc", "kunde2@kontor.example");
    if (!result.ok) throw new Error("login failed");
    expect(await redeemLoginGrant(handle.db, result.grant)).toMatchObject({ kind: "user" });
    expect(await redeemLoginGrant(handle.db, result.grant)).toBeUndefined();
  });
});

describe("second factor", () => {
  it("asks an account with a second factor for it and issues no grant yet", async () => {
    const support = (await firstRow(handle.db.select({ id: users.id }).from(users).where(eq(users.email, "support@kontor.example"))))!;
    await handle.db
      .insert(mfaFactors)
      .values({ userId: support.id, kind: "webauthn", label: "Key", credentialId: "cred-1", publicKey: "pk", confirmedAt: new Date() });
    const grants = (await handle.db.select().from(loginGrants)).length;
    const result = await login("ksc", "support@kontor.example");
    expect(result).toMatchObject({ ok: false, reason: "secondFactor", methods: { totp: false, webauthn: true } });
    if (!result.ok && result.reason === "secondFactor") expect(result.pendingToken).toMatch(/^[\w-]{43}$/);
    expect(await handle.db.select().from(loginGrants)).toHaveLength(grants);
    await handle.db.delete(mfaFactors).where(eq(mfaFactors.userId, support.id));
    expect(await login("ksc", "support@kontor.example")).toMatchObject({ ok: true, role: "support" });
  });
});

describe("guessing limits", () => {
  it("locks an account after 10 failures in 15 minutes, even with the right password", async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      expect(await login("ksc", "reseller2@kontor.example", `wrong-${i}`, `198.51.100.${i}`)).toMatchObject({ reason: "invalid" });
    }
    expect(await login("ksc", "reseller2@kontor.example", "wrong-last", "198.51.100.99")).toMatchObject({ reason: "throttled" });
    const right = await login("ksc", "reseller2@kontor.example", DEMO_PASSWORD, "198.51.100.100");
    expect(right).toMatchObject({ ok: false, reason: "throttled" });
    if (!right.ok && right.reason === "throttled") expect(right.retryAfterMs).toBeGreaterThan(0);
  });

  it(
    "50 wrong guesses from one address lock nobody out: another user there logs in after the robot check",
    { timeout: 60_000 },
    async () => {
      const ip = "203.0.113.7";
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
      const audited = await handle.db.select().from(auditLog).where(eq(auditLog.action, "login.address_suspicious"));
      expect(audited.map((a) => a.ip)).toEqual([ip]);

      const right = { area: "ksc" as const, identifier: "kunde3@kontor.example", password: DEMO_PASSWORD, ip };
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
      expect(await login("ksc", "kunde3@kontor.example", DEMO_PASSWORD, "203.0.113.8")).toMatchObject({ ok: true });
    },
  );

  it("the second factor is refused only by the account's lock, not by a marked address", { timeout: 60_000 }, async () => {
    const ip = "203.0.113.9";
    for (let i = 0; i < MAX_FAILURES; i++) await login("mailbox", `nobody${i}@bergsee.example`, "x", ip);
    expect(await addressNeedsRobotCheck(ip, handle.db)).toBe(true);
    const codeAccount = (await firstRow(handle.db.select({ id: users.id }).from(users).where(eq(users.email, "reseller@kontor.example"))))!;
    await handle.db
      .insert(mfaFactors)
      .values({ userId: codeAccount.id, kind: "webauthn", label: "Key", credentialId: "cred-2", publicKey: "pk", confirmedAt: new Date() });
    const first = await attemptLogin(
      { area: "ksc", identifier: "reseller@kontor.example", password: DEMO_PASSWORD, ip, robotCheck: await solveRobotCheck() },
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
