/**
 * API v1 operations through the real router (handleApiRequest) on an in-memory database: forwarding
 * and spam settings, If-Match, deletion, the audit trail with the key's name, and the protocol
 * answers (405, 415, 400) as problems. Sieve scripts go to a temporary folder.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { API_ROUTES } from "@/lib/api/routes";
import { anApiDb, anApiKey, callApi } from "../support/api-harness";
import { aDomainWithMailboxes, anAdmin } from "../support/factories";

vi.mock("@/db", async () => (await import("../support/security/harness")).mockDb());

process.env.KONTOR_SIEVE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "kontor-api-sieve-"));

let key: string;
/** Keys that reach the reseller's and the administration's resources, so the fuzzing gets past the scope check. */
let staffKeys: { reseller: string; admin: string };
let world: Awaited<ReturnType<typeof aDomainWithMailboxes>>;

// Each test its own database and keys: a mailbox deleted or changed (the fuzzing too changes them) and
// the keys' requests counted toward the rate limit must not meet the next test, in whatever order.
beforeEach(async () => {
  const db = await anApiDb();
  world = await aDomainWithMailboxes(db, 2, { package: { forwardingEnabled: true, spamFilterEnabled: true } });
  key = await anApiKey(db, world.customer.actor, ["mailboxes:write", "audit:read"], "Betrieb");
  staffKeys = {
    reseller: await anApiKey(db, world.reseller.actor, ["customers:write", "packages:write"], "Fuzz"),
    admin: await anApiKey(db, await anAdmin(db), ["resellers:write"], "Fuzz"),
  };
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const call = async (method: string, url: string, init: { body?: unknown; headers?: Record<string, string> } = {}) =>
  await callApi(key, method, url, {
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    type: "application/json",
    headers: init.headers,
  });

function keyFor(route: (typeof API_ROUTES)[number]): string | undefined {
  if (route.resource === "customers" || route.resource === "packages") return staffKeys.reseller;
  return route.resource === "resellers" ? staffKeys.admin : undefined;
}

describe("API v1 operations", () => {
  it("sets forwarding and the spam filter, guarded by If-Match", async () => {
    const id = world.mailboxes[0].id;
    const read = await call("GET", `/mailboxes/${id}`);
    const etag = read.headers.get("etag") ?? "";
    const fwd = await call("PUT", `/mailboxes/${id}/forwarding`, {
      body: { targets: ["Weiter@Example.org"], keepCopy: false },
      headers: { "if-match": etag },
    });
    expect(fwd.status).toBe(200);
    expect(fwd.json.forwarding).toEqual({ targets: ["weiter@example.org"], keepCopy: false });
    const stale = await call("PUT", `/mailboxes/${id}/spam`, { body: { enabled: true }, headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    const spam = await call("PUT", `/mailboxes/${id}/spam`, {
      body: { enabled: true },
      headers: { "if-match": fwd.headers.get("etag") ?? "" },
    });
    expect(spam.status).toBe(200);
    expect(spam.json.spamFilter).toBe(true);
    const body = { targets: [world.mailboxes[0].address], keepCopy: true };
    const unconditional = await call("PUT", `/mailboxes/${id}/forwarding`, { body });
    expect(unconditional.status).toBe(428);
    expect(unconditional.headers.get("content-type")).toBe("application/problem+json");
    expect(unconditional.json.detail).toMatch(/If-Match/);
    const self = await call("PUT", `/mailboxes/${id}/forwarding`, { body, headers: { "if-match": spam.headers.get("etag") ?? "" } });
    expect(self.status).toBe(422);
    expect((self.json.errors as { field: string }[])[0].field).toBe("targets");
  });

  it("deletes a mailbox and writes every change to the audit log under the key's name", async () => {
    const id = world.mailboxes[1].id;
    // Two changes first (this test's own, whatever ran before it), then the deletion.
    const fwd = await call("PUT", `/mailboxes/${id}/forwarding`, {
      body: { targets: ["weiter@example.org"], keepCopy: true },
      headers: { "if-match": (await call("GET", `/mailboxes/${id}`)).headers.get("etag") ?? "" },
    });
    const spam = await call("PUT", `/mailboxes/${id}/spam`, {
      body: { enabled: true },
      headers: { "if-match": fwd.headers.get("etag") ?? "" },
    });
    expect([fwd.status, spam.status]).toEqual([200, 200]);
    expect((await call("DELETE", `/mailboxes/${id}`)).status).toBe(428);
    expect((await call("GET", `/mailboxes/${id}`)).status).toBe(200);
    const etag = (await call("GET", `/mailboxes/${id}`)).headers.get("etag") ?? "";
    expect((await call("DELETE", `/mailboxes/${id}`, { headers: { "if-match": etag } })).status).toBe(204);
    expect((await call("GET", `/mailboxes/${id}`)).status).toBe(404);
    const audit = await call("GET", "/audit");
    const items = audit.json.items as { action: string; actor: string; apiKey: string | null }[];
    expect(items.map((i) => i.action)).toContain("mailbox.delete");
    expect(items.filter((x) => x.action.startsWith("mailbox.")).length).toBeGreaterThanOrEqual(3);
    for (const i of items.filter((x) => x.action.startsWith("mailbox."))) {
      expect(i.actor).toBe(world.customer.actor.label);
      expect(i.apiKey).toBe("Betrieb");
    }
  });

  it("answers the package's quota limit in the same 422 as the request's other field errors", async () => {
    const domain = world.domain.name;
    const fieldsOf = (json: Record<string, unknown>) =>
      Object.fromEntries((json.errors as { field: string; messages: string[] }[]).map((e) => [e.field, e.messages]));
    const created = await call("POST", "/mailboxes", { body: { address: `neu@${domain}`, quotaMb: 5000, password: "kurz" } });
    expect(created.status).toBe(422);
    expect(Object.keys(fieldsOf(created.json)).sort()).toEqual(["password", "quotaMb"]);
    expect(fieldsOf(created.json).quotaMb.join(" ")).toContain("1024");
    const badLocal = await call("POST", "/mailboxes", { body: { address: `a..b@${domain}`, quotaMb: 5000, password: null } });
    expect(Object.keys(fieldsOf(badLocal.json)).sort()).toEqual(["address", "quotaMb"]);
    // "+" is the sub-address delimiter: the answer says so, not merely "invalid".
    const plus = await call("POST", "/mailboxes", { body: { address: `news+x@${domain}`, quotaMb: 100, password: null } });
    expect(plus.status).toBe(422);
    expect(fieldsOf(plus.json).address.join(" ")).toMatch(/sub-address/);
    const plusAlias = await call("POST", "/aliases", { body: { address: `team+x@${domain}`, targets: [world.mailboxes[0].address] } });
    expect(plusAlias.status).toBe(422);
    expect(fieldsOf(plusAlias.json).address.join(" ")).toMatch(/sub-address/);
    const id = world.mailboxes[0].id;
    const etag = (await call("GET", `/mailboxes/${id}`)).headers.get("etag") ?? "";
    const patched = await call("PATCH", `/mailboxes/${id}`, { body: { quotaMb: 5000, enabled: "ja" }, headers: { "if-match": etag } });
    expect(patched.status).toBe(422);
    expect(Object.keys(fieldsOf(patched.json)).sort()).toEqual(["enabled", "quotaMb"]);
    // Within the limit, only the schema's error remains.
    const within = await call("PATCH", `/mailboxes/${id}`, { body: { quotaMb: 500, enabled: "ja" }, headers: { "if-match": etag } });
    expect(Object.keys(fieldsOf(within.json))).toEqual(["enabled"]);
  });

  it("answers protocol errors as problems: 405 with Allow, 415 for non-JSON, 400 for broken JSON", async () => {
    const wrong = await call("PATCH", "/mailboxes");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET, POST");
    expect(wrong.headers.get("content-type")).toBe("application/problem+json");
    const form = await call("POST", "/mailboxes", { body: "a=b", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(form.status).toBe(415);
    expect((await call("POST", "/mailboxes", { body: "{" })).status).toBe(400);
    expect((await call("GET", "/mailboxes/abc")).status).toBe(404);
  });

  it("answers every fuzzed body and query of every operation with a problem, never a 500", async () => {
    const seed = Number(process.env.KONTOR_FUZZ_SEED ?? 21);
    // Hundreds of requests a key within a minute: above the limit every answer would be the 429 alone.
    vi.stubEnv("KONTOR_API_RATE_LIMIT", "999999");
    for (const route of API_ROUTES) {
      const ids: Record<string, number> = { customers: world.customer.id, packages: world.packageId, resellers: world.reseller.id };
      const path = route.path.replace("{id}", String(ids[route.resource ?? ""] ?? world.mailboxes[0].id));
      const staffKey = keyFor(route);
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), fc.string({ maxLength: 40 }), async (body, q) => {
          const res = await call(route.method, `${path}?domain=${encodeURIComponent(q)}&cursor=${encodeURIComponent(q)}`, {
            body: route.body ? JSON.stringify(body) : undefined,
            // If-Match "*": the fuzzed body reaches validation and the service instead of stopping at 428.
            headers: { "if-match": "*", ...(staffKey ? { authorization: `Bearer ${staffKey}` } : {}) },
          });
          expect(res.status, `${route.method} ${route.path} ${JSON.stringify(body)}`).toBeLessThan(500);
          expect(res.status, "the fuzzed request reached the operation, not the rate limit").not.toBe(429);
        }),
        { numRuns: 25, seed },
      );
    }
  }, 60_000);
});
