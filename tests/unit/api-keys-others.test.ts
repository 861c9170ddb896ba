/**
 * The keys of the accounts one looks after (apikeys.manageOthers): the administration sees and revokes
 * every other key, a reseller those of its own customers; everyone else's keys are NotFound. A revoked
 * key is refused at the very next request, and the key's tenant reads in its audit log who revoked it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { auditLog } from "@/db/schema";
import { authenticateApiKey } from "@/lib/api/authenticate";
import { ApiProblem } from "@/lib/api/problem";
import type { Actor } from "@/lib/authz/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { createApiKey, revokeApiKey } from "@/lib/services/api-keys/manage-api-keys";
import { listTenantApiKeys } from "@/lib/services/api-keys/tenant-api-keys";
import { createApiKeySchema } from "@/lib/validation/api-key";
import { aCustomer, anAdmin, aReseller, emptyDb, type TestDb } from "../support/factories";

beforeEach(() => {
  vi.stubEnv("AUTH_SECRET", "unit-test-secret-of-sufficient-length-123");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function world() {
  const { db } = await emptyDb();
  const admin = await anAdmin(db);
  const resellerA = await aReseller(db);
  const resellerB = await aReseller(db);
  const customerA = await aCustomer(db, resellerA);
  const customerB = await aCustomer(db, resellerB);
  const key = async (actor: Actor, name: string) =>
    await createApiKey(actor, createApiKeySchema.parse({ name, scopes: ["audit:read"] }), null, db);
  const keys = {
    admin: await key(admin, "Admin"),
    resellerA: await key(resellerA.actor, "Reseller A"),
    resellerB: await key(resellerB.actor, "Reseller B"),
    customerA: await key(customerA.actor, "Kunde A"),
    customerB: await key(customerB.actor, "Kunde B"),
  };
  return { db, admin, resellerA, resellerB, customerA, customerB, keys };
}

const names = async (actor: Actor, db: TestDb) => (await listTenantApiKeys(actor, db)).map((k) => `${k.owner}:${k.name}`).sort();

async function statusOf(run: () => Promise<unknown>): Promise<number | string> {
  try {
    await run();
    return "ok";
  } catch (error) {
    if (error instanceof ApiProblem) return error.status;
    if (error instanceof NotFoundError) return 404;
    if (error instanceof ForbiddenError) return 403;
    throw error;
  }
}

describe("API keys of the accounts one looks after", () => {
  it("lists every other key for the administration and only its customers' keys for a reseller, with the owner", async () => {
    const w = await world();
    expect(await names(w.admin, w.db)).toEqual(
      [
        `${w.resellerA.email}:Reseller A`,
        `${w.resellerB.email}:Reseller B`,
        `${w.customerA.email}:Kunde A`,
        `${w.customerB.email}:Kunde B`,
      ].sort(),
    );
    expect(await names(w.resellerA.actor, w.db)).toEqual([`${w.customerA.email}:Kunde A`]);
    expect(await statusOf(async () => await listTenantApiKeys(w.customerA.actor, w.db))).toBe(403);
  });

  it("lets a reseller revoke its customer's key, refused at the next request and audited for the customer", async () => {
    const w = await world();
    const bearer = `Bearer ${w.keys.customerA.token}`;
    expect(await statusOf(async () => await authenticateApiKey(w.db, bearer))).toBe("ok");
    await revokeApiKey(w.resellerA.actor, w.keys.customerA.id, "192.0.2.7", w.db);
    expect(await statusOf(async () => await authenticateApiKey(w.db, bearer))).toBe(401);
    const entries = await w.db.select().from(auditLog);
    const entry = entries.find((e) => e.action === "apikey.revoke");
    expect(entry).toMatchObject({ customerId: w.customerA.id, resellerId: w.resellerA.id, targetLabel: "Kunde A" });
    expect(entry?.details).toEqual({ owner: w.customerA.email });
  });

  it("answers NotFound for keys outside one's care: another reseller's customers, staff, other customers", async () => {
    const w = await world();
    expect(await statusOf(async () => await revokeApiKey(w.resellerA.actor, w.keys.customerB.id, null, w.db))).toBe(404);
    expect(await statusOf(async () => await revokeApiKey(w.resellerA.actor, w.keys.resellerB.id, null, w.db))).toBe(404);
    expect(await statusOf(async () => await revokeApiKey(w.resellerA.actor, w.keys.admin.id, null, w.db))).toBe(404);
    expect(await statusOf(async () => await revokeApiKey(w.customerA.actor, w.keys.customerB.id, null, w.db))).toBe(404);
    expect(await statusOf(async () => await revokeApiKey(w.customerB.actor, w.keys.resellerB.id, null, w.db))).toBe(404);
    for (const k of Object.values(w.keys))
      expect(await statusOf(async () => await authenticateApiKey(w.db, `Bearer ${k.token}`))).toBe("ok");
    expect(await statusOf(async () => await revokeApiKey(w.admin, w.keys.resellerB.id, null, w.db))).toBe("ok");
    expect(await statusOf(async () => await authenticateApiKey(w.db, `Bearer ${w.keys.resellerB.token}`))).toBe(401);
  });
});
