import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, authThrottle, mfaRecoveryCodes } from "@/db/schema";
import { hasSecondFactor, verifySecondFactorCode } from "@/lib/auth/mfa";
import { findCustomerAccounts, resetCustomerSecondFactor } from "@/lib/auth/mfa/admin-reset";
import { listFactors } from "@/lib/auth/mfa/factors";
import { getMfaPolicy, roleMustEnrol, setMfaPolicy } from "@/lib/auth/mfa/policy";
import { confirmTotp, regenerateCodes, removeFactor, startTotp } from "@/lib/auth/mfa/self-service";
import { relyingParty } from "@/lib/auth/mfa/webauthn";
import type { Actor } from "@/lib/authz/actor";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { storeServerSettings, getServerSettings } from "@/lib/services/settings/server-settings";
import { aCustomer, aDomainWithMailboxes, anAdmin, aReseller, aSupport, emptyDb, TEST_PASSWORD } from "../support/factories";
import { firstRow } from "@/db/rows";

process.env.AUTH_SECRET ??= "unit-test-secret-for-mfa";

/** Each test builds the accounts it needs on its own database. */
let handle: Awaited<ReturnType<typeof emptyDb>>;
beforeEach(async () => {
  handle = await emptyDb();
});
const aCustomerActor = async () => (await aCustomer(handle.db)).actor;
const aResellerActor = async () => (await aReseller(handle.db)).actor;

async function enrolTotp(actor: Actor) {
  const e = await startTotp(actor, { password: TEST_PASSWORD }, handle.db);
  const codes = await confirmTotp(
    actor,
    { factorId: e.factorId, code: await generate({ secret: e.secret }), label: "Telefon" },
    "192.0.2.1",
    handle.db,
  );
  return { ...e, codes };
}

describe("own factors", () => {
  it("hands out recovery codes with the first factor only, and lists labels without secrets", async () => {
    const actor = await aCustomerActor();
    const first = await enrolTotp(actor);
    expect(first.codes).toHaveLength(10);
    const second = await enrolTotp(actor);
    expect(second.codes).toBeNull();
    const { factors, recoveryCodesLeft } = await listFactors(actor.id, handle.db);
    expect(factors.map((f) => [f.kind, f.label])).toEqual([
      ["totp", "Telefon"],
      ["totp", "Telefon"],
    ]);
    expect(JSON.stringify(factors)).not.toContain(first.secret);
    expect(recoveryCodesLeft).toBe(10);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.action, "mfa.factor_added"));
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(first.secret);
  });

  it("needs the password to add a factor once one exists", async () => {
    const actor = await aSupport(handle.db);
    await enrolTotp(actor);
    await expect(startTotp(actor, {}, handle.db)).rejects.toMatchObject({ fieldErrors: { password: ["mfa.passwordWrong"] } });
    await expect(startTotp(actor, { password: "falsch" }, handle.db)).rejects.toBeInstanceOf(ValidationError);
    const failures = (
      await firstRow(
        handle.db
          .select()
          .from(authThrottle)
          .where(eq(authThrottle.key, `acct:ksc:${actor.label}`)),
      )
    )?.failures;
    expect(failures).toBe(2);
    await expect(startTotp(actor, { password: TEST_PASSWORD }, handle.db)).resolves.toMatchObject({
      factorId: expect.any(Number) as number,
    });
  });

  it("refuses a wrong confirmation code beside the field", async () => {
    const actor = await aCustomerActor();
    const e = await startTotp(actor, { password: TEST_PASSWORD }, handle.db);
    await expect(confirmTotp(actor, { factorId: e.factorId, code: "000000", label: "x" }, "192.0.2.1", handle.db)).rejects.toMatchObject({
      fieldErrors: { code: ["mfa.codeWrong"] },
    });
    expect(await hasSecondFactor(actor.id, handle.db)).toBe(false);
  });

  it("needs the current password to remove a factor; the last one takes the recovery codes along", async () => {
    const actor = await aCustomerActor();
    await enrolTotp(actor);
    await enrolTotp(actor);
    const [a, b] = (await listFactors(actor.id, handle.db)).factors;
    await expect(removeFactor(actor, { factorId: a.id, password: "falsch" }, "192.0.2.1", handle.db)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect((await listFactors(actor.id, handle.db)).factors).toHaveLength(2);
    await removeFactor(actor, { factorId: a.id, password: TEST_PASSWORD }, "192.0.2.1", handle.db);
    expect((await listFactors(actor.id, handle.db)).recoveryCodesLeft).toBe(10);
    await removeFactor(actor, { factorId: b.id, password: TEST_PASSWORD }, "192.0.2.1", handle.db);
    expect(await hasSecondFactor(actor.id, handle.db)).toBe(false);
    expect(await handle.db.select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, actor.id))).toHaveLength(0);
  });

  it("answers 404 for another user's factor", async () => {
    const owner = await aResellerActor();
    await enrolTotp(owner);
    const factorId = (await listFactors(owner.id, handle.db)).factors[0].id;
    const other = await aResellerActor();
    await expect(removeFactor(other, { factorId, password: TEST_PASSWORD }, "192.0.2.1", handle.db)).rejects.toBeInstanceOf(NotFoundError);
    expect(await hasSecondFactor(owner.id, handle.db)).toBe(true);
  });

  it("renews recovery codes with the password; the old ones stop working", async () => {
    const actor = await aResellerActor();
    await enrolTotp(actor);
    const fresh = await regenerateCodes(actor, { password: TEST_PASSWORD }, "192.0.2.1", handle.db);
    const again = await regenerateCodes(actor, { password: TEST_PASSWORD }, "192.0.2.1", handle.db);
    expect(await verifySecondFactorCode(actor.id, fresh[0], handle.db)).toBe(false);
    expect(await verifySecondFactorCode(actor.id, again[0], handle.db)).toBe(true);
  });

  it("has no second factor for mail logins", async () => {
    const mailbox = (await aDomainWithMailboxes(handle.db, 1)).mailboxes[0].actor;
    await expect(startTotp(mailbox, {}, handle.db)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("admin reset", () => {
  it("finds customer accounts by number or e-mail and resets their factors, audited", async () => {
    const admin = await anAdmin(handle.db);
    const made = await aCustomer(handle.db);
    await aCustomer(handle.db);
    const customer = made.actor;
    await enrolTotp(customer);
    expect(await findCustomerAccounts(admin, made.customerNumber.toLowerCase(), handle.db)).toMatchObject([
      { email: made.email, factorCount: 1 },
    ]);
    expect((await findCustomerAccounts(admin, `${made.email.split("@")[0]}@`, handle.db)).map((r) => r.userId)).toEqual([customer.id]);
    expect(await findCustomerAccounts(admin, `${admin.label.split("@")[0]}@`, handle.db)).toEqual([]);
    // Any case finds the login; `%` and `_` are characters, not wildcards.
    const local = made.email.split("@")[0];
    expect((await findCustomerAccounts(admin, ` ${local.toUpperCase()} `, handle.db)).map((r) => r.userId)).toEqual([customer.id]);
    expect(await findCustomerAccounts(admin, `${local.slice(0, -1)}_`, handle.db)).toEqual([]);
    expect(await findCustomerAccounts(admin, `${local.slice(0, 2)}%`, handle.db)).toEqual([]);
    expect(await resetCustomerSecondFactor(admin, customer.id, "192.0.2.5", handle.db)).toBe(1);
    expect(await hasSecondFactor(customer.id, handle.db)).toBe(false);
    const entry = await firstRow(handle.db.select().from(auditLog).where(eq(auditLog.action, "mfa.reset")));
    expect(entry).toMatchObject({
      actorLabel: admin.label,
      targetId: customer.id,
      customerId: customer.customerId,
      resellerId: customer.resellerId,
    });
  });

  it("is for admins only and only for customer accounts", async () => {
    const reseller = await aResellerActor();
    await enrolTotp(reseller);
    const customer = await aCustomerActor();
    await expect(async () => await resetCustomerSecondFactor(reseller, customer.id, "192.0.2.5", handle.db)).rejects.toThrow(
      ForbiddenError,
    );
    await expect(async () => await findCustomerAccounts(customer, "k", handle.db)).rejects.toThrow(ForbiddenError);
    const admin = await anAdmin(handle.db);
    await expect(async () => await resetCustomerSecondFactor(admin, reseller.id, "192.0.2.5", handle.db)).rejects.toThrow(NotFoundError);
    expect(await hasSecondFactor(reseller.id, handle.db)).toBe(true);
  });
});

describe("staff policy and relying party", () => {
  it("requires staff to enrol by default and can be switched off", async () => {
    expect(await getMfaPolicy(handle.db)).toEqual({ enforceStaff: true });
    expect(
      await Promise.all(["admin", "reseller", "support", "customer"].map((r) => roleMustEnrol(r as Actor["role"], handle.db))),
    ).toEqual([true, true, true, false]);
    await setMfaPolicy({ enforceStaff: false }, handle.db);
    expect(await roleMustEnrol("admin", handle.db)).toBe(false);
    await setMfaPolicy({ enforceStaff: true }, handle.db);
  });

  it("takes rpID and origin from the configured public URL", async () => {
    await storeServerSettings(handle.db, { ...(await getServerSettings(handle.db)), publicUrl: "https://ksc.example.net/panel" });
    expect(await relyingParty(handle.db)).toMatchObject({ rpID: "ksc.example.net", origin: "https://ksc.example.net" });
  });
});
