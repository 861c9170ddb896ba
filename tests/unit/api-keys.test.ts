/**
 * API keys and the API's request logic (lib/api, lib/services/api-keys) on an in-memory database:
 * keys stored only as an HMAC, refused at once when revoked or expired, scopes within the owner's
 * permissions, rate limit and idempotency kept in the database, problems in the caller's language.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { apiKeys, apiRateWindows, auditLog, users } from "@/db/schema";
import { authenticateApiKey } from "@/lib/api/authenticate";
import { claimIdempotencyKey, settleIdempotencyKey } from "@/lib/api/idempotency";
import { ApiProblem, negotiateLocale, problemBody, problemFromError } from "@/lib/api/problem";
import { scopeAllows, scopesFor } from "@/lib/api/scopes";
import { ValidationError } from "@/lib/errors";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/services/api-keys/manage-api-keys";
import { createApiKeySchema } from "@/lib/validation/api-key";
import { aCustomer, anAdmin, aReseller, emptyDb } from "../support/factories";
import { firstRow } from "@/db/rows";

beforeEach(() => {
  vi.stubEnv("AUTH_SECRET", "unit-test-secret-of-sufficient-length-123");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const input = (p: Partial<Record<string, unknown>> = {}) =>
  createApiKeySchema.parse({ name: "Abrechnung", scopes: ["mailboxes:write", "tickets:read"], ...p });

async function problemOf(run: () => unknown): Promise<ApiProblem> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ApiProblem) return error;
    throw error;
  }
  throw new Error("no problem thrown");
}

describe("API keys", () => {
  it("keeps only an HMAC of the key, shows the token once and never lists it", async () => {
    const { db } = await emptyDb();
    const customer = await aCustomer(db);
    const { token } = await createApiKey(customer.actor, input(), "192.0.2.1", db);
    expect(token).toMatch(/^kontor_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const secret = token.split("_").slice(2).join("_");
    const dump = JSON.stringify(await db.select().from(apiKeys));
    expect(dump).not.toContain(secret);
    expect(JSON.stringify(await listApiKeys(customer.actor, db))).not.toContain(secret);
    expect(JSON.stringify(await listApiKeys(customer.actor, db))).not.toMatch(/secret_?hash/i);
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, "apikey.create"));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it("authenticates as the owner, with the key's name beside the owner's label for the audit log", async () => {
    const { db } = await emptyDb();
    const customer = await aCustomer(db);
    const { token } = await createApiKey(customer.actor, input(), null, db);
    const caller = await authenticateApiKey(db, `Bearer ${token}`);
    expect(caller.actor.id).toBe(customer.actor.id);
    expect(caller.actor.role).toBe("customer");
    expect(caller.actor.label).toBe(customer.actor.label);
    expect(caller.actor.apiKeyName).toBe("Abrechnung");
    expect((await firstRow(db.select({ at: apiKeys.lastUsedAt }).from(apiKeys)))?.at).toBeInstanceOf(Date);
  });

  it("refuses a missing, malformed or wrong key with 401", async () => {
    const { db } = await emptyDb();
    const customer = await aCustomer(db);
    const { token } = await createApiKey(customer.actor, input(), null, db);
    const wrong = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    for (const header of [
      null,
      "",
      "Bearer",
      "Basic abc",
      `Bearer ${wrong}`,
      `Bearer ${token}x`,
      `Bearer kontor_000000000000_${"A".repeat(43)}`,
    ]) {
      expect((await problemOf(async () => await authenticateApiKey(db, header))).status, String(header)).toBe(401);
    }
  });

  it("refuses a revoked key at the very next request", async () => {
    const { db } = await emptyDb();
    const customer = await aCustomer(db);
    const { id, token } = await createApiKey(customer.actor, input(), null, db);
    await authenticateApiKey(db, `Bearer ${token}`);
    await revokeApiKey(customer.actor, id, null, db);
    expect((await problemOf(async () => await authenticateApiKey(db, `Bearer ${token}`))).status).toBe(401);
  });

  it("refuses an expired key, and a key whose owner was disabled", async () => {
    const { db } = await emptyDb();
    const customer = await aCustomer(db);
    const now = new Date("2030-01-01T12:00:00Z");
    const { token } = await createApiKey(customer.actor, input({ expiresOn: "2030-01-02" }), null, db, now);
    expect((await authenticateApiKey(db, `Bearer ${token}`, now.getTime())).actor.id).toBe(customer.actor.id);
    expect((await problemOf(async () => await authenticateApiKey(db, `Bearer ${token}`, Date.parse("2030-01-03T12:00:00Z")))).status).toBe(
      401,
    );
    const second = await createApiKey(customer.actor, input(), null, db);
    await db.update(users).set({ disabled: true }).where(eq(users.id, customer.actor.id));
    expect((await problemOf(async () => await authenticateApiKey(db, `Bearer ${second.token}`))).status).toBe(401);
  });

  it("refuses an expiry date in the past", async () => {
    const { db } = await emptyDb();
    const customer = await aCustomer(db);
    await expect(async () => await createApiKey(customer.actor, input({ expiresOn: "2020-01-01" }), null, db)).rejects.toThrow(
      ValidationError,
    );
  });

  it("offers and accepts only scopes of the owner's permissions", async () => {
    const { db } = await emptyDb();
    const customer = await aCustomer(db);
    const reseller = await aReseller(db);
    const admin = await anAdmin(db);
    expect(scopesFor(customer.actor)).toContain("mailboxes:write");
    expect(scopesFor(customer.actor)).not.toContain("resellers:read");
    expect(scopesFor(reseller.actor)).toContain("customers:write");
    expect(scopesFor(reseller.actor)).not.toContain("mailboxes:write");
    expect(scopesFor(admin)).toContain("resellers:write");
    await expect(async () => await createApiKey(customer.actor, input({ scopes: ["resellers:write"] }), null, db)).rejects.toThrow(
      ValidationError,
    );
    expect(scopeAllows(["mailboxes:write"], "mailboxes", "read")).toBe(true);
    expect(scopeAllows(["mailboxes:read"], "mailboxes", "write")).toBe(false);
    expect(scopeAllows(["tickets:write"], "mailboxes", "read")).toBe(false);
  });

  it("lets nobody revoke or list another user's key", async () => {
    const { db } = await emptyDb();
    const a = await aCustomer(db);
    const b = await aCustomer(db);
    const { id } = await createApiKey(a.actor, input(), null, db);
    await expect(async () => await revokeApiKey(b.actor, id, null, db)).rejects.toThrow("errors.notFound");
    expect(await listApiKeys(b.actor, db)).toEqual([]);
  });

  it("answers 429 with Retry-After over the per-key limit, counted in the database", async () => {
    vi.stubEnv("KONTOR_API_RATE_LIMIT", "3");
    const { db } = await emptyDb();
    const customer = await aCustomer(db);
    const { token } = await createApiKey(customer.actor, input(), null, db);
    const t0 = Date.parse("2030-01-01T12:00:10Z");
    for (let i = 0; i < 3; i++) await authenticateApiKey(db, `Bearer ${token}`, t0 + i);
    const refused = await problemOf(async () => await authenticateApiKey(db, `Bearer ${token}`, t0 + 10));
    expect(refused.status).toBe(429);
    expect(Number(refused.opts.headers?.["retry-after"])).toBeGreaterThan(0);
    expect(Number(refused.opts.headers?.["retry-after"])).toBeLessThanOrEqual(60);
    expect((await db.select({ count: apiRateWindows.count }).from(apiRateWindows)).map((w) => w.count)).toEqual([4]);
    // The next minute starts afresh.
    expect((await authenticateApiKey(db, `Bearer ${token}`, t0 + 60_000)).actor.id).toBe(customer.actor.id);
  });
});

describe("idempotency keys", () => {
  it("replays the stored answer, refuses another body and a parallel retry", async () => {
    const { db } = await emptyDb();
    expect(await claimIdempotencyKey(db, 1, "abc", "h1")).toBeUndefined();
    expect((await problemOf(async () => await claimIdempotencyKey(db, 1, "abc", "h1"))).status).toBe(409);
    await settleIdempotencyKey(db, 1, "abc", { status: 201, body: '{"id":5}' });
    expect(await claimIdempotencyKey(db, 1, "abc", "h1")).toEqual({ status: 201, body: '{"id":5}' });
    expect((await problemOf(async () => await claimIdempotencyKey(db, 1, "abc", "h2"))).status).toBe(422);
    // Another API key may use the same string.
    expect(await claimIdempotencyKey(db, 2, "abc", "h2")).toBeUndefined();
  });

  it("drops the claim of a failed request so a corrected retry runs", async () => {
    const { db } = await emptyDb();
    await claimIdempotencyKey(db, 1, "k", "h1");
    await settleIdempotencyKey(db, 1, "k", { status: 422, body: "{}" });
    expect(await claimIdempotencyKey(db, 1, "k", "h2")).toBeUndefined();
    expect((await problemOf(async () => await claimIdempotencyKey(db, 1, "bad key with spaces", "h"))).status).toBe(400);
  });
});

describe("problems (RFC 9457)", () => {
  it("picks the caller's language from Accept-Language", () => {
    expect(negotiateLocale(null)).toBe("de");
    expect(negotiateLocale("en-US,en;q=0.9")).toBe("en");
    expect(negotiateLocale("fr, it;q=0.8, en;q=0.5")).toBe("it");
    expect(negotiateLocale("en;q=0, de;q=0.1")).toBe("de");
    expect(negotiateLocale("xx")).toBe("de");
  });

  it("maps service errors: taken names are 409, other refusals 422 with translated field errors", () => {
    const conflict = problemFromError(new ValidationError("errors.checkFields", { address: ["panel.errors.addressTaken"] }));
    expect(conflict?.status).toBe(409);
    const invalid = problemFromError(
      new ValidationError("errors.checkFields", { password: ["password.errors.tooShort"], x: ["no.such.key"] }),
    );
    expect(invalid?.status).toBe(422);
    const en = problemBody(invalid as ApiProblem, "en");
    const de = problemBody(invalid as ApiProblem, "de");
    expect(en.type).toMatch(/validation$/);
    expect(en.errors?.find((e) => e.field === "password")?.codes).toEqual(["password.errors.tooShort"]);
    expect(en.errors?.find((e) => e.field === "password")?.messages[0]).not.toBe(
      de.errors?.find((e) => e.field === "password")?.messages[0],
    );
    expect(en.errors?.find((e) => e.field === "x")?.messages).toEqual([
      problemBody(new ApiProblem("validation", { fieldErrors: { y: ["validation.invalid"] } }), "en").errors?.[0].messages[0],
    ]);
    expect(problemFromError(new Error("boom"))).toBeUndefined();
  });

  it("translates a field error with values (the package's limit) and keeps its bare key as the code", () => {
    const problem = problemFromError(
      new ValidationError("errors.checkFields", { quotaMb: [{ key: "panel.errors.quotaTooLarge", values: { max: 2048 } }] }),
    );
    expect(problem?.status).toBe(422);
    for (const locale of ["de", "en", "it"] as const) {
      const error = problemBody(problem as ApiProblem, locale).errors?.[0];
      expect(error?.codes).toEqual(["panel.errors.quotaTooLarge"]);
      expect(error?.messages[0]).toContain("2048 MB");
    }
  });
});
