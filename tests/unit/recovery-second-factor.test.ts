import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { authThrottle, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { completePasswordReset, inspectResetLink } from "@/lib/services/recovery/redeem-link";
import { requestPasswordReset } from "@/lib/services/recovery/request-reset";
import { aCustomer, aTotpFactor, emptyDb, type TestCustomer, type TestDb } from "../support/factories";
import { firstRow } from "@/db/rows";

// A real authenticator app enrolled through the MFA module (no stand-in): its codes are computed from
// the secret at the test's own clock, which moves five minutes on before each test so that every test
// starts in a time step no code has spent yet.
let now = Date.UTC(2026, 2, 2, 9, 0, 0);
let db: TestDb;
let customer: TestCustomer;
let secret: string;
const NEW_PASSWORD = "Nebel-Ueber-Der-Heide-314";

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"], now });
  db = (await emptyDb()).db;
  customer = await aCustomer(db);
  secret = await aTotpFactor(db, customer);
});
beforeEach(() => {
  now += 5 * 60_000;
  vi.setSystemTime(now);
});
afterAll(() => {
  vi.useRealTimers();
});

const rightCode = () => generate({ secret, epoch: Math.floor(Date.now() / 1000) });
/** A six-digit code that is not the right one now (nor one step either side). */
async function wrongCode(): Promise<string> {
  const near = await Promise.all([-30, 0, 30].map((s) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + s })));
  return ["000000", "111111", "222222", "333333"].find((c) => !near.includes(c)) ?? "444444";
}

async function freshToken(): Promise<string> {
  await db.delete(authThrottle);
  const result = await requestPasswordReset({ area: "ksc", identifier: customer.email, ip: "192.0.2.60", locale: "de" }, db);
  return /reset#([A-Za-z0-9_-]{43})/.exec(result.ok && result.mail ? result.mail.text : "")?.[1] ?? "";
}
const reset = (token: string, code?: string, newPassword = NEW_PASSWORD) =>
  completePasswordReset({ token, newPassword, secondFactorCode: code, ip: "192.0.2.60", locale: "de" }, db);

describe("a reset never bypasses the second factor", () => {
  it("asks for the code, refuses a wrong one without spending the link, accepts the right one", async () => {
    const token = await freshToken();
    expect(token).toHaveLength(43);
    expect((await inspectResetLink(token, db)).needsSecondFactor).toBe(true);
    await expect(reset(token)).rejects.toMatchObject({ fieldErrors: { secondFactorCode: ["validation.required"] } });
    await expect(reset(token, await wrongCode())).rejects.toMatchObject({
      fieldErrors: { secondFactorCode: ["recovery.secondFactorWrong"] },
    });
    expect((await inspectResetLink(token, db)).account).toBe(customer.email);
    const hash = async () =>
      (await firstRow(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, customer.userId))))?.h ?? "";
    expect(await verifyPassword(await hash(), NEW_PASSWORD)).toBe(false);
    await reset(token, await rightCode());
    expect(await verifyPassword(await hash(), NEW_PASSWORD)).toBe(true);
  });

  it("locks the code step after repeated wrong codes", async () => {
    const token = await freshToken();
    const other = "Ganz-Anderes-Passwort-Fuer-Heute-2";
    const wrong = await wrongCode();
    for (let i = 0; i < 10; i++) await reset(token, wrong, other).catch(() => undefined);
    // A code of this time step, which no attempt has spent: only the lock can refuse it.
    await expect(reset(token, await rightCode(), other)).rejects.toMatchObject({
      fieldErrors: { secondFactorCode: ["recovery.secondFactorWrong"] },
    });
  });
});
