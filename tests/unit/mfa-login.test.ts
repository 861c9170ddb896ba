import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, authThrottle, loginGrants, mfaFactors, mfaPendingLogins } from "@/db/schema";
import { sha256 } from "@/lib/auth/login-grants";
import { redeemLoginGrant } from "@/lib/auth/login-grants";
import { attemptLogin } from "@/lib/auth/login-service";
import { MAX_CODE_FAILURES } from "@/lib/auth/mfa/pending-login";
import { beginKeyLogin, completeLoginWithCode, completeLoginWithKey } from "@/lib/auth/mfa/second-step";
import { beginTotpEnrolment, confirmTotpFactor } from "@/lib/auth/mfa/totp";
import { aCustomer, aReseller, aSupport, emptyDb, TEST_PASSWORD, type TestCustomer } from "../support/factories";
import { firstRow } from "@/db/rows";

process.env.AUTH_SECRET ??= "unit-test-secret-for-mfa";

let handle: Awaited<ReturnType<typeof emptyDb>>;
const secrets = new Map<string, string>();
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
let now = T0;
/** The logins by e-mail: kunde, reseller and support have a TOTP factor, kunde2 has none. */
let kunde: TestCustomer;
let reseller: string;
let resellerId: number;
let support: string;
let kunde2: string;

beforeAll(async () => {
  handle = await emptyDb();
  const db = handle.db;
  const r = await aReseller(db);
  kunde = await aCustomer(db, r);
  const staff = await aSupport(db);
  [reseller, resellerId, support, kunde2] = [r.email, r.userId, staff.label, (await aCustomer(db, r)).email];
  vi.useFakeTimers({ toFake: ["Date"], now: T0 });
  for (const { id, email } of [
    { id: kunde.userId, email: kunde.email },
    { id: r.userId, email: r.email },
    { id: staff.id, email: staff.label },
  ]) {
    const e = await beginTotpEnrolment(id, email, handle.db);
    await confirmTotpFactor(id, e.factorId, await generate({ secret: e.secret }), "App", handle.db);
    secrets.set(email, e.secret);
  }
});
afterEach(() => {
  // Each test starts a fresh time step, so codes are never refused as replays by accident.
  now += 5 * 60_000;
  vi.setSystemTime(now);
});

const password = (identifier: string, ip = "192.0.2.10") =>
  attemptLogin({ area: "ksc", identifier, password: TEST_PASSWORD, ip }, handle.db);
const currentCode = (email: string) => generate({ secret: secrets.get(email)!, epoch: Math.floor(Date.now() / 1000) });

async function pendingFor(identifier: string) {
  const result = await password(identifier);
  if (result.ok || result.reason !== "secondFactor") throw new Error(`expected a second step, got ${JSON.stringify(result)}`);
  return result;
}

describe("login with a second factor", () => {
  it("opens nothing after the password alone", async () => {
    const grantsBefore = (await handle.db.select().from(loginGrants)).length;
    const audits = async () => (await handle.db.select().from(auditLog).where(eq(auditLog.action, "login.success"))).length;
    const before = await audits();
    const result = await pendingFor(kunde.email);
    expect(result.methods).toEqual({ totp: true, webauthn: false });
    expect(result).not.toHaveProperty("grant");
    expect(await handle.db.select().from(loginGrants)).toHaveLength(grantsBefore);
    expect(await audits()).toBe(before);
  });

  it("finds the account by customer number too, and issues the grant after the code", async () => {
    const pending = await pendingFor(kunde.customerNumber);
    const done = await completeLoginWithCode(
      { token: pending.pendingToken, code: await currentCode(kunde.email), ip: "192.0.2.10" },
      handle.db,
    );
    expect(done).toMatchObject({ ok: true, role: "customer" });
    if (done.ok) expect(await redeemLoginGrant(handle.db, done.grant)).toMatchObject({ kind: "user" });
  });

  it("uses a pending login once", async () => {
    const pending = await pendingFor(reseller);
    const code = await currentCode(reseller);
    expect(await completeLoginWithCode({ token: pending.pendingToken, code, ip: "192.0.2.10" }, handle.db)).toMatchObject({ ok: true });
    vi.setSystemTime(Date.now() + 30_000);
    const again = await completeLoginWithCode(
      { token: pending.pendingToken, code: await currentCode(reseller), ip: "192.0.2.10" },
      handle.db,
    );
    expect(again).toEqual({ ok: false, reason: "restart" });
  });

  it("binds the pending login to its account: another account's code does not pass", async () => {
    const pending = await pendingFor(reseller);
    const foreign = await completeLoginWithCode(
      { token: pending.pendingToken, code: await currentCode(support), ip: "192.0.2.10" },
      handle.db,
    );
    expect(foreign).toEqual({ ok: false, reason: "invalid" });
  });

  it("expires after 5 minutes", async () => {
    const pending = await pendingFor(support);
    vi.setSystemTime(Date.now() + 5 * 60_000 + 1);
    const late = await completeLoginWithCode(
      { token: pending.pendingToken, code: await currentCode(support), ip: "192.0.2.10" },
      handle.db,
    );
    expect(late).toEqual({ ok: false, reason: "restart" });
  });

  it("voids the pending login after 5 wrong codes and counts them in the throttle", async () => {
    const pending = await pendingFor(support);
    const step = (code: string) => completeLoginWithCode({ token: pending.pendingToken, code, ip: "192.0.2.77" }, handle.db);
    for (let i = 1; i < MAX_CODE_FAILURES; i++) expect(await step(`00000${i}`)).toEqual({ ok: false, reason: "invalid" });
    expect(await step("000009")).toEqual({ ok: false, reason: "restart" });
    expect(await step(await currentCode(support))).toEqual({ ok: false, reason: "restart" });
    const counter = await firstRow(
      handle.db
        .select()
        .from(authThrottle)
        .where(eq(authThrottle.key, `acct:ksc:${support}`)),
    );
    expect(counter?.failures).toBe(MAX_CODE_FAILURES);
    expect((await firstRow(handle.db.select().from(authThrottle).where(eq(authThrottle.key, "ip:192.0.2.77"))))?.failures).toBe(
      MAX_CODE_FAILURES,
    );
  });

  it("locks the account when wrong codes and new pending logins keep coming", async () => {
    const email = kunde.email;
    let last: Awaited<ReturnType<typeof completeLoginWithCode>> | undefined;
    for (let round = 0; round < 2; round++) {
      const pending = await pendingFor(email);
      for (let i = 0; i < MAX_CODE_FAILURES; i++)
        last = await completeLoginWithCode({ token: pending.pendingToken, code: "999999", ip: `198.18.0.${round * 10 + i}` }, handle.db);
    }
    expect(last).toMatchObject({ ok: false, reason: "throttled" });
    expect(await password(email)).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("leaves accounts without a factor on the one-step login", async () => {
    expect(await password(kunde2)).toMatchObject({ ok: true, role: "customer" });
  });

  it("stores only the hash of the pending token", async () => {
    const pending = await pendingFor(reseller);
    const rows = await handle.db.select().from(mfaPendingLogins);
    expect(rows.some((r) => r.tokenHash === pending.pendingToken)).toBe(false);
    expect(rows.some((r) => r.tokenHash === sha256(pending.pendingToken))).toBe(true);
  });

  it("spends a WebAuthn challenge on the first answer, even a failed one", async () => {
    const id = resellerId;
    await handle.db
      .insert(mfaFactors)
      .values({ userId: id, kind: "webauthn", label: "Key", credentialId: "Y3JlZA", publicKey: "cGs", confirmedAt: new Date() });
    const pending = await pendingFor(reseller);
    expect(pending.methods).toEqual({ totp: true, webauthn: true });
    const options = await beginKeyLogin(pending.pendingToken, handle.db);
    expect(options?.allowCredentials?.map((c) => c.id)).toEqual(["Y3JlZA"]);
    expect(Buffer.from(options!.challenge, "base64url").length).toBeGreaterThanOrEqual(16);
    const bogus = {
      id: "Y3JlZA",
      rawId: "Y3JlZA",
      type: "public-key",
      clientExtensionResults: {},
      response: { clientDataJSON: "e30", authenticatorData: "AA", signature: "AA" },
    } as const;
    expect(await completeLoginWithKey({ token: pending.pendingToken, response: bogus, ip: "192.0.2.10" }, handle.db)).toEqual({
      ok: false,
      reason: "invalid",
    });
    const row = await firstRow(
      handle.db
        .select()
        .from(mfaPendingLogins)
        .where(eq(mfaPendingLogins.tokenHash, sha256(pending.pendingToken))),
    );
    expect(row?.challenge).toBeNull();
    expect(await beginKeyLogin("not-a-token", handle.db)).toBeUndefined();
    await handle.db.delete(mfaFactors).where(eq(mfaFactors.credentialId, "Y3JlZA"));
  });
});
