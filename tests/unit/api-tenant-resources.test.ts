/**
 * API v1's customers, packages (Tarife) and resellers through the real router on an in-memory database:
 * create, change with If-Match (428 without, 412 when stale), delete (409 while in use), another
 * tenant's ids 404, and each change in the audit log. The same services as the panel's forms.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as schema from "@/db/schema";
import { anApiDb, anApiKey, callApi } from "../support/api-harness";
import { aCustomer, aCustomerWithPackage, aDomainWithMailboxes, anAdmin, aReseller, aTicket, type TestDb } from "../support/factories";

vi.mock("@/db", async () => (await import("../support/security/harness")).mockDb());

let db: TestDb;
const keys = {} as Record<"resellerA" | "resellerB" | "admin" | "customerA", string>;
let a: Awaited<ReturnType<typeof aCustomerWithPackage>>;
let b: Awaited<ReturnType<typeof aCustomerWithPackage>>;

beforeAll(async () => {
  db = await anApiDb();
  a = await aCustomerWithPackage(db);
  b = await aCustomerWithPackage(db);
  keys.resellerA = await anApiKey(db, a.reseller.actor, ["customers:write", "packages:write"], "Abrechnung");
  keys.resellerB = await anApiKey(db, b.reseller.actor, ["customers:write", "packages:write"], "Fremd");
  keys.admin = await anApiKey(db, await anAdmin(db), ["resellers:write"], "Verwaltung");
  keys.customerA = await anApiKey(db, a.customer.actor, ["mailboxes:write"], "Kunde");
});

async function call(key: string, method: string, url: string, init: { body?: unknown; ifMatch?: string | null; lang?: string } = {}) {
  const answer = await callApi(key, method, url, {
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    type: init.body === undefined ? undefined : "application/json",
    lang: init.lang,
    headers: init.ifMatch ? { "if-match": init.ifMatch } : {},
  });
  return { status: answer.status, etag: answer.headers.get("etag") ?? "", json: answer.json };
}

const etagOf = async (key: string, url: string) => (await call(key, "GET", url)).etag;
const fields = (json: Record<string, unknown>) => (json.errors as { field: string; messages: string[] }[]).map((e) => e.field);
const auditActions = async (targetKind: string, targetId: number) =>
  (await db.select().from(schema.auditLog).where(eq(schema.auditLog.targetKind, targetKind)))
    .filter((e) => e.targetId === targetId)
    .map((e) => e.action);

describe("API v1: packages", () => {
  const pkg = { name: "API-Tarif", panel: "plesk9", maxDomains: 2, maxMailboxes: 3, mailboxQuotaMb: 500, maxForwards: 1 };
  const flags = { spamFilterEnabled: true, forwardingEnabled: false };

  it("creates, changes with If-Match and deletes a package, audited", async () => {
    const created = await call(keys.resellerA, "POST", "/packages", { body: { ...pkg, ...flags } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ...pkg, maxAliases: null, ...flags });
    const url = `/packages/${created.json.id as number}`;
    expect((await call(keys.resellerA, "PATCH", url, { body: { maxMailboxes: 9 } })).status).toBe(428);
    const changed = await call(keys.resellerA, "PATCH", url, { body: { maxMailboxes: 9 }, ifMatch: created.etag });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ ...pkg, maxMailboxes: 9 });
    expect((await call(keys.resellerA, "PATCH", url, { body: { maxMailboxes: 8 }, ifMatch: created.etag })).status).toBe(412);
    const same = await call(keys.resellerA, "POST", "/packages", { body: { ...pkg, ...flags } });
    expect(same.status).toBe(409);
    expect(fields(same.json)).toEqual(["name"]);
    expect((await call(keys.resellerA, "DELETE", url)).status).toBe(428);
    expect((await call(keys.resellerA, "DELETE", url, { ifMatch: changed.etag })).status).toBe(204);
    expect((await call(keys.resellerA, "GET", url)).status).toBe(404);
    expect(await auditActions("package", created.json.id as number)).toEqual(["package.create", "package.update", "package.delete"]);
  });

  it("refuses deleting a package in use with 409 and a limit below the usage with what exceeds", async () => {
    const url = `/packages/${a.packageId}`;
    const inUse = await call(keys.resellerA, "DELETE", url, { ifMatch: await etagOf(keys.resellerA, url), lang: "de" });
    expect(inUse.status).toBe(409);
    expect(inUse.json.detail).toMatch(/noch von Kunden genutzt/);
    const full = await aDomainWithMailboxes(db, 2, { sub: a });
    expect(full.mailboxes).toHaveLength(2);
    const lower = await call(keys.resellerA, "PATCH", url, { body: { maxMailboxes: 1 }, ifMatch: await etagOf(keys.resellerA, url) });
    expect(lower.status).toBe(422);
    const errors = lower.json.errors as { field: string; messages: string[] }[];
    expect(errors.find((e) => e.field === "limits")?.messages.join(" ")).toMatch(/2/);
    expect((await call(keys.resellerA, "GET", url)).json.maxMailboxes).not.toBe(1);
  });

  it("answers another reseller's package with 404 for every operation, changing nothing", async () => {
    const url = `/packages/${a.packageId}`;
    const etag = await etagOf(keys.resellerA, url);
    expect((await call(keys.resellerB, "GET", url)).status).toBe(404);
    expect((await call(keys.resellerB, "PATCH", url, { body: { name: "Gekapert" }, ifMatch: etag })).status).toBe(404);
    expect((await call(keys.resellerB, "DELETE", url, { ifMatch: "*" })).status).toBe(404);
    expect(await etagOf(keys.resellerA, url)).toBe(etag);
  });
});

describe("API v1: customers", () => {
  it("changes only the fields sent, with per-field errors in the caller's language", async () => {
    const url = `/customers/${a.customer.id}`;
    const before = await call(keys.resellerA, "GET", url);
    const bad = await call(keys.resellerA, "PATCH", url, {
      body: { country: "Deutschland", phone: "abc" },
      ifMatch: before.etag,
      lang: "it",
    });
    expect(bad.status).toBe(422);
    expect(fields(bad.json).sort()).toEqual(["country", "phone"]);
    expect(JSON.stringify(bad.json.errors)).toMatch(/Inserisca il codice/);
    const ok = await call(keys.resellerA, "PATCH", url, { body: { city: "Bozen" }, ifMatch: before.etag });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ ...before.json, city: "Bozen" });
    expect(await auditActions("customer", a.customer.id)).toContain("customer.update");
  });

  it("refuses deleting a customer with subscriptions (409) and deletes one without, with its login and tickets", async () => {
    const busy = `/customers/${a.customer.id}`;
    expect((await call(keys.resellerA, "DELETE", busy, { ifMatch: "*" })).status).toBe(409);
    const idle = await aCustomer(db, a.reseller);
    await aTicket(db, idle);
    const url = `/customers/${idle.id}`;
    expect((await call(keys.resellerB, "DELETE", url, { ifMatch: "*" })).status).toBe(404);
    expect((await call(keys.resellerA, "DELETE", url)).status).toBe(428);
    expect((await call(keys.resellerA, "DELETE", url, { ifMatch: await etagOf(keys.resellerA, url) })).status).toBe(204);
    expect((await call(keys.resellerA, "GET", url)).status).toBe(404);
    expect(await db.select().from(schema.users).where(eq(schema.users.id, idle.userId))).toEqual([]);
    expect(await db.select().from(schema.tickets).where(eq(schema.tickets.customerId, idle.id))).toEqual([]);
    expect(await auditActions("customer", idle.id)).toContain("customer.delete");
  });

  it("answers another reseller's customer with 404 and refuses a customer's key (no permission)", async () => {
    const url = `/customers/${a.customer.id}`;
    expect((await call(keys.resellerB, "PATCH", url, { body: { city: "Fremd" }, ifMatch: "*" })).status).toBe(404);
    expect((await call(keys.customerA, "GET", url)).status).toBe(403);
  });
});

describe("API v1: resellers", () => {
  it("renames a reseller, refuses a taken number base (409) and deleting one with customers (409)", async () => {
    const url = `/resellers/${a.reseller.id}`;
    const before = await call(keys.admin, "GET", url);
    expect(before.json).toMatchObject({ id: a.reseller.id, login: a.reseller.email });
    expect((await call(keys.admin, "PATCH", url, { body: { name: "Umbenannt" } })).status).toBe(428);
    const renamed = await call(keys.admin, "PATCH", url, { body: { name: "Umbenannt" }, ifMatch: before.etag });
    expect(renamed.status).toBe(200);
    expect(renamed.json.name).toBe("Umbenannt");
    const taken = await call(keys.admin, "PATCH", url, {
      body: { customerNumberBase: b.reseller.customerNumberBase },
      ifMatch: renamed.etag,
    });
    expect(taken.status).toBe(409);
    expect(fields(taken.json)).toEqual(["customerNumberBase"]);
    expect((await call(keys.admin, "DELETE", url, { ifMatch: renamed.etag })).status).toBe(409);
    expect((await call(keys.resellerA, "GET", url)).status).toBe(403);
  });

  it("deletes a reseller without customers with its packages and login", async () => {
    const empty = await aReseller(db);
    const created = await call(keys.admin, "GET", `/resellers/${empty.id}`);
    expect((await call(keys.admin, "DELETE", `/resellers/${empty.id}`, { ifMatch: created.etag })).status).toBe(204);
    expect((await call(keys.admin, "GET", `/resellers/${empty.id}`)).status).toBe(404);
    expect(await db.select().from(schema.users).where(eq(schema.users.id, empty.userId))).toEqual([]);
    expect(await auditActions("reseller", empty.id)).toEqual(["reseller.delete"]);
  });
});

describe("API v1: subscriptions", () => {
  it("ends a subscription with If-Match on what it deletes, so that the customer can then be deleted", async () => {
    const sub = await aDomainWithMailboxes(db, 2, { sub: await aCustomerWithPackage(db, { reseller: a.reseller }) });
    const key = await anApiKey(db, a.reseller.actor, ["subscriptions:write", "customers:write"], "Kündigung");
    const url = `/subscriptions/${sub.subscriptionId}`;
    const before = await call(key, "GET", url);
    expect(before.json).toMatchObject({
      id: sub.subscriptionId,
      customerId: sub.customer.id,
      domains: [sub.domain.name],
      mailboxes: 2,
      aliases: 0,
    });
    // Without the subscriptions scope the reseller's other key may not, and another reseller sees nothing.
    expect((await call(keys.resellerA, "DELETE", url, { ifMatch: before.etag })).status).toBe(403);
    expect(
      (await call(await anApiKey(db, b.reseller.actor, ["subscriptions:write"], "Fremd"), "DELETE", url, { ifMatch: "*" })).status,
    ).toBe(404);
    expect((await call(key, "DELETE", url)).status).toBe(428);
    // A mailbox created since the GET changes what the delete would destroy: 412.
    await aDomainWithMailboxes(db, 1, { sub, localParts: ["spaet"] });
    expect((await call(key, "DELETE", url, { ifMatch: before.etag })).status).toBe(412);
    expect((await call(key, "DELETE", url, { ifMatch: await etagOf(key, url) })).status).toBe(204);
    expect((await call(key, "GET", url)).status).toBe(404);
    expect(await auditActions("subscription", sub.subscriptionId)).toEqual(["subscription.end"]);
    const customer = `/customers/${sub.customer.id}`;
    expect((await call(key, "DELETE", customer, { ifMatch: await etagOf(key, customer) })).status).toBe(204);
  });
});
