import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { authThrottle, users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password-hash";
import { completePasswordReset, inspectResetLink } from "@/lib/services/recovery/redeem-link";
import { requestPasswordReset } from "@/lib/services/recovery/request-reset";
import { aCustomer, emptyDb, type TestCustomer, type TestDb } from "../support/factories";
import { firstRow } from "@/db/rows";

// The MFA module is another feature's; here only its contract matters: the customer has a TOTP factor.
const mfa = vi.hoisted(() => ({ userId: -1, spent: new Set<string>() }));
vi.mock("@/lib/auth/mfa", () => ({
  hasSecondFactor: (userId: number) => userId === mfa.userId,
  verifySecondFactorCode: async (userId: number, code: string) => {
    if (userId !== mfa.userId || code !== "123456" || mfa.spent.has(code)) return false;
    mfa.spent.add(code);
    return true;
  },
}));

let db: TestDb;
let customer: TestCustomer;
const NEW_PASSWORD = "Nebel-Ueber-Der-Heide-314";

beforeAll(async () => {
  db = (await emptyDb()).db;
  customer = await aCustomer(db);
  mfa.userId = customer.userId;
});

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
    await expect(reset(token, "000000")).rejects.toMatchObject({ fieldErrors: { secondFactorCode: ["recovery.secondFactorWrong"] } });
    expect((await inspectResetLink(token, db)).account).toBe(customer.email);
    const hash = async () =>
      (await firstRow(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, customer.userId))))?.h ?? "";
    expect(await verifyPassword(await hash(), NEW_PASSWORD)).toBe(false);
    await reset(token, "123456");
    expect(await verifyPassword(await hash(), NEW_PASSWORD)).toBe(true);
  });

  it("locks the code step after repeated wrong codes", async () => {
    const token = await freshToken();
    const other = "Ganz-Anderes-Passwort-Fuer-Heute-2";
    for (let i = 0; i < 10; i++) await reset(token, "999999", other).catch(() => undefined);
    mfa.spent.clear();
    await expect(reset(token, "123456", other)).rejects.toMatchObject({
      fieldErrors: { secondFactorCode: ["recovery.secondFactorWrong"] },
    });
  });
});
