import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mfaFactors, mfaRecoveryCodes } from "@/db/schema";
import { hasSecondFactor, verifySecondFactorCode } from "@/lib/auth/mfa";
import { replaceRecoveryCodes } from "@/lib/auth/mfa/recovery-codes";
import { openSecret, sealSecret } from "@/lib/auth/mfa/secret-box";
import { beginTotpEnrolment, confirmTotpFactor } from "@/lib/auth/mfa/totp";
import { aCustomer, anAdmin, aReseller, aSupport, emptyDb } from "../support/factories";
import { firstRow } from "@/db/rows";

process.env.AUTH_SECRET ??= "unit-test-secret-for-mfa";

/** One login of each staff and tenant role; each test enrols its own, so none sees another's factor. */
type Who = "admin" | "support" | "reseller" | "kunde" | "kunde2" | "kunde3";
let handle: Awaited<ReturnType<typeof emptyDb>>;
const logins = {} as Record<Who, { id: number; email: string }>;
beforeAll(async () => {
  handle = await emptyDb();
  const db = handle.db;
  const user = (a: { id: number; label: string }) => ({ id: a.id, email: a.label });
  Object.assign(logins, {
    admin: user(await anAdmin(db)),
    support: user(await aSupport(db)),
    reseller: user((await aReseller(db)).actor),
    kunde: user((await aCustomer(db)).actor),
    kunde2: user((await aCustomer(db)).actor),
    kunde3: user((await aCustomer(db)).actor),
  } satisfies Record<Who, { id: number; email: string }>);
});
afterEach(() => {
  vi.useRealTimers();
});

const userId = (who: Who) => logins[who].id;
const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);
const at = (ms: number) => vi.useFakeTimers({ toFake: ["Date"], now: ms });
const codeAt = (secret: string, ms: number) => generate({ secret, epoch: Math.floor(ms / 1000) });

async function enrol(who: Who) {
  const { id, email } = logins[who];
  at(T0);
  const enrolment = await beginTotpEnrolment(id, email, handle.db);
  expect(await confirmTotpFactor(id, enrolment.factorId, await codeAt(enrolment.secret, T0), "App", handle.db)).toBe(true);
  return { id, secret: enrolment.secret };
}

describe("secret box", () => {
  it("round-trips and refuses a tampered value", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXPJBSWY3DP");
    expect(sealed).not.toContain("JBSWY3DP");
    expect(openSecret(sealed)).toBe("JBSWY3DPEHPK3PXPJBSWY3DP");
    const parts = sealed.split(".");
    parts[3] = parts[3].slice(0, -2) + (parts[3].endsWith("AA") ? "BB" : "AA");
    expect(() => openSecret(parts.join("."))).toThrow();
  });
});

describe("TOTP enrolment", () => {
  it("stays inactive until confirmed and stores the secret sealed", async () => {
    const { id, email } = logins.kunde2;
    const enrolment = await beginTotpEnrolment(id, email, handle.db);
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    expect(await hasSecondFactor(id, handle.db)).toBe(false);
    const row = (await firstRow(handle.db.select().from(mfaFactors).where(eq(mfaFactors.id, enrolment.factorId))))!;
    expect(row.secretSealed).not.toContain(enrolment.secret);
    expect(await confirmTotpFactor(id, enrolment.factorId, "000000", "App", handle.db)).toBe(false);
    expect(await hasSecondFactor(id, handle.db)).toBe(false);
    expect(await confirmTotpFactor(id, enrolment.factorId, await generate({ secret: enrolment.secret }), "App", handle.db)).toBe(true);
    expect(await hasSecondFactor(id, handle.db)).toBe(true);
  });

  it("does not let another user confirm the factor", async () => {
    const { id: owner, email } = logins.reseller;
    const enrolment = await beginTotpEnrolment(owner, email, handle.db);
    const code = await generate({ secret: enrolment.secret });
    expect(await confirmTotpFactor(userId("support"), enrolment.factorId, code, "App", handle.db)).toBe(false);
  });
});

describe("TOTP codes work once", () => {
  it("refuses a replayed code, the code used to confirm, and an older step after a newer one", async () => {
    const { id, secret } = await enrol("kunde3");
    expect(await verifySecondFactorCode(id, await codeAt(secret, T0), handle.db)).toBe(false);

    at(T0 + 60_000);
    const next = await codeAt(secret, T0 + 60_000);
    expect(await verifySecondFactorCode(id, next, handle.db)).toBe(true);
    expect(await verifySecondFactorCode(id, next, handle.db)).toBe(false);

    at(T0 + 120_000);
    const previousStep = await codeAt(secret, T0 + 90_000);
    expect(await verifySecondFactorCode(id, await codeAt(secret, T0 + 120_000), handle.db)).toBe(true);
    expect(await verifySecondFactorCode(id, previousStep, handle.db)).toBe(false);
  });

  it("accepts one step of clock drift but not two", async () => {
    const { id, secret } = await enrol("admin");
    at(T0 + 300_000);
    expect(await verifySecondFactorCode(id, await codeAt(secret, T0 + 240_000), handle.db)).toBe(false);
    expect(await verifySecondFactorCode(id, await codeAt(secret, T0 + 270_000), handle.db)).toBe(true);
  });
});

describe("recovery codes", () => {
  it("makes 10 codes, stores only hashes and accepts each once, in any spelling", async () => {
    const id = userId("kunde");
    const codes = await replaceRecoveryCodes(handle.db, id);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await handle.db.select({ h: mfaRecoveryCodes.codeHash }).from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, id));
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replace("-", ""));

    const sloppy = codes[0].toLowerCase().replace("-", " ");
    expect(await verifySecondFactorCode(id, sloppy, handle.db)).toBe(true);
    expect(await verifySecondFactorCode(id, codes[0], handle.db)).toBe(false);
    expect(await verifySecondFactorCode(userId("kunde2"), codes[1], handle.db)).toBe(false);
    expect(await verifySecondFactorCode(id, codes[1], handle.db)).toBe(true);
  });

  it("voids old codes when new ones are made", async () => {
    const id = userId("support");
    const old = await replaceRecoveryCodes(handle.db, id);
    await replaceRecoveryCodes(handle.db, id);
    expect(await verifySecondFactorCode(id, old[0], handle.db)).toBe(false);
  });
});
