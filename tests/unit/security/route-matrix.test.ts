/**
 * Route handlers in the access-control matrix (SECURITY.md AC-02, AC-08): every exported handler of
 * every app/**\/route.ts is called anonymously and as every role. Only the listed roles get an answer,
 * no body carries another tenant's data or any password hash, and no call changes the database.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { holders, ROLES, type Role } from "@/lib/authz/permissions";
import { changedTables, snapshotDb } from "../../support/security/db-snapshot";
import { loadRouteHandlers, type RouteHandler } from "../../support/security/endpoints";
import { harness, signInAs } from "../../support/security/harness";
import { ROUTE_MATRIX, type RouteEntry } from "../../support/security/route-matrix";
import { buildWorld, openCopy, type World } from "../../support/security/world";

const nextAuth = vi.hoisted(() => ({ GET: async () => new Response("next-auth"), POST: async () => new Response("next-auth") }));
vi.mock("@/db", async () => (await import("../../support/security/harness")).mockDb());
vi.mock("next/headers", async () => (await import("../../support/security/harness")).mockHeaders());
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => null,
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: nextAuth,
}));

let world: World;
let db: ReturnType<typeof openCopy>;
let secrets: string[];
const handlers = new Map<string, RouteHandler>();

beforeAll(async () => {
  const built = await buildWorld();
  world = built.world;
  db = openCopy(built.image);
  harness.db = db.db;
  harness.sqlite = db.sqlite;
  secrets = ["users", "mailboxes", "mail_accounts"].flatMap(
    (t) => db.sqlite.prepare(`SELECT password_hash FROM ${t}`).pluck().all() as string[],
  );
  for (const h of await loadRouteHandlers()) handlers.set(h.key, h);
}, 60_000);

type Answer = { status: number; body: string };

async function call(key: string, role: Role | "anonymous", request: Request): Promise<Answer> {
  const handler = handlers.get(key);
  if (!handler) throw new Error(`${key} not found by the scan`);
  await signInAs(role === "anonymous" ? undefined : world.actors[role]);
  try {
    const res = await handler.fn(request);
    return { status: res.status, body: await res.text() };
  } finally {
    await signInAs(undefined);
  }
}

function expectNoLeak(answer: Answer, label: string, tenantA: string[]) {
  expect(answer.body, label).not.toContain("$argon2");
  for (const s of secrets) expect(answer.body.includes(s), `${label}: a password hash in the body`).toBe(false);
  for (const s of tenantA) expect(answer.body.includes(s), `${label}: tenant A's ${s} in the body`).toBe(false);
}

/** The roles answered: taken from the permission table, so a change of the table changes the test. */
const roleList = (e: RouteEntry): readonly Role[] => holders(e.access);

describe("the matrix covers every route handler", () => {
  it("has an entry for every exported handler, and none for handlers that are gone", () => {
    const found = [...handlers.keys()];
    expect(found.length).toBeGreaterThan(5);
    expect(
      found.filter((k) => !(k in ROUTE_MATRIX)),
      "handlers without a matrix entry",
    ).toEqual([]);
    expect(
      Object.keys(ROUTE_MATRIX).filter((k) => !handlers.has(k)),
      "matrix entries without a handler",
    ).toEqual([]);
  });
});

describe.each(Object.entries(ROUTE_MATRIX))("%s", (key, entry) => {
  if (entry.delegated) {
    it(`is ${entry.delegated}'s own handler, with nothing of Kontor's in between`, () => {
      const method = handlers.get(key)?.method as "GET" | "POST";
      expect(handlers.get(key)?.fn).toBe(nextAuth[method]);
    });
    return;
  }

  it("answers only the roles in the matrix, leaks nothing and writes nothing", async () => {
    const before = snapshotDb(db.sqlite);
    const tenantA = entry.access === "public" ? [] : [world.a.mailboxAddress, world.a.domainName];
    const denied: (Role | "anonymous")[] =
      entry.access === "public" ? [] : [...ROLES.filter((r) => !roleList(entry).includes(r)), "anonymous"];
    for (const role of denied) {
      const answer = await call(key, role, entry.request(world));
      expect([401, 403, 404], `${key} as ${role}: ${answer.status}`).toContain(answer.status);
      expectNoLeak(answer, `${key} as ${role}`, tenantA);
    }
    const allowed: (Role | "anonymous")[] = entry.access === "public" ? [...roleList(entry), "anonymous"] : [...roleList(entry)];
    for (const role of allowed) {
      const answer = await call(key, role, entry.request(world));
      expect([entry.expectStatus ?? 200].flat(), `${key} as ${role}: ${answer.status}`).toContain(answer.status);
      expectNoLeak(answer, `${key} as ${role}`, tenantA);
      for (const own of entry.ownData?.(world) ?? []) expect(answer.body, `${key} as ${role}`).toContain(own);
    }
    const changed = changedTables(before, snapshotDb(db.sqlite));
    expect(entry.audited ? changed.filter((t) => t !== "audit_log") : changed).toEqual([]);
  });

  if (entry.probe) {
    it("answers an existing address of tenant A exactly like an address that exists nowhere", async () => {
      const p = entry.probe?.(world);
      if (!p) return;
      const mask = (body: string, address: string) => body.replaceAll(address, "ADDRESS").replaceAll(address.split("@")[1], "DOMAIN");
      const existing = await call(key, "customer", p.existing);
      const missing = await call(key, "customer", p.missing);
      expect(existing.status).toBe(missing.status);
      expect(existing.body).toContain(p.existingAddress);
      expect(mask(existing.body, p.existingAddress)).toBe(mask(missing.body, p.missingAddress));
    });
  }
});
