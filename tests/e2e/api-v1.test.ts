/**
 * API v1 over HTTP against the running panel (scripts/test-all.sh's production server and database):
 * keys of each role, one test per status code, tenant isolation, idempotent POSTs, If-Match, the
 * OpenAPI description, and a password set through the API that Dovecot checks at the next login.
 * The world is built here with the database builders under names of its own.
 */
import { and, count, eq, like } from "drizzle-orm";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { API_ROUTES } from "@/lib/api/routes";
import { revokeApiKey } from "@/lib/services/api-keys/manage-api-keys";
import { imapLogin, submissionLogin } from "../support/mail-clients";
import { API_TEST_PASSWORD as PASSWORD, type ApiTenant, openApiWorld } from "./support/api-world";
import { BASE_URL } from "./support/browser";
import { firstRow } from "@/db/rows";

const { db, close, tag, tenant, keyFor, admin } = openApiWorld();
const bodies: string[] = [];
const world = {} as { a: ApiTenant; b: ApiTenant; keys: Record<string, string> };

async function api(
  method: string,
  path: string,
  opts: { key?: string; body?: unknown; headers?: Record<string, string>; lang?: string } = {},
) {
  const headers: Record<string, string> = { "accept-language": opts.lang ?? "de", ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  bodies.push(text);
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { status: res.status, headers: res.headers, json, text };
}

beforeAll(async () => {
  world.a = await tenant("a");
  world.b = await tenant("b");
  world.keys = {
    a: await keyFor(world.a.customer, ["mailboxes:write", "domains:read", "tickets:write", "audit:read"], "A"),
    b: await keyFor(world.b.customer, ["mailboxes:write", "domains:read", "tickets:read"], "B"),
    aRead: await keyFor(world.a.customer, ["mailboxes:read"], "A-lesen"),
    auditOnly: await keyFor(world.a.customer, ["audit:read"], "A-protokoll"),
    resellerA: await keyFor(world.a.reseller, ["customers:write", "packages:read"], "R"),
    resellerB: await keyFor(world.b.reseller, ["customers:write", "packages:write"], "RB"),
    admin: await keyFor(await admin(), ["resellers:write"], "Admin"),
  };
});

afterAll(async () => {
  // No body of any answer in this file carried a hash, a key secret or a stored secret.
  const hashes = [
    ...(await db.select({ h: schema.mailboxes.passwordHash }).from(schema.mailboxes)).map((r) => r.h),
    ...(await db.select({ h: schema.apiKeys.secretHash }).from(schema.apiKeys)).map((r) => r.h),
  ];
  const all = bodies.join("\n");
  expect(all).not.toContain("$argon2");
  expect(all).not.toContain("ARGON2");
  for (const h of hashes) expect(all.includes(h)).toBe(false);
  // The secret is everything after "kontor_<id>_"; it is base64url and may itself contain "_".
  for (const k of Object.values(world.keys)) expect(all.includes(k.slice(k.indexOf("_", "kontor_".length) + 1))).toBe(false);
  await close();
});

describe("API v1 over HTTP", () => {
  it("serves an OpenAPI 3.1 description with every route, and every described route exists", async () => {
    const res = await fetch(`${BASE_URL}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; responses: object }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const described = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(described.sort()).toEqual(API_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    // Each described operation is routed: with a key of another scope it is refused for the scope (403),
    // where an unknown path would be 404.
    for (const entry of described) {
      const [method, template] = entry.split(" ");
      const path = template.replace(/\{\w+\}/g, "1");
      const res = await api(method, path, { key: world.keys.auditOnly, body: method === "GET" || method === "DELETE" ? undefined : {} });
      if (template === "/audit" || template === "/me") expect(res.status, entry).toBe(200);
      else expect(res.status, entry).toBe(403);
    }
    expect((await api("GET", "/no-such-thing", { key: world.keys.a })).status).toBe(404);
  });

  it("answers 401 without a key, with a wrong key, and at once for a revoked or expired key", async () => {
    expect((await api("GET", `/mailboxes?domain=${world.a.domain}`)).status).toBe(401);
    const anon = await api("GET", `/mailboxes?domain=${world.a.domain}`, { key: "kontor_000000000000_" + "A".repeat(43) });
    expect(anon.status).toBe(401);
    expect(anon.headers.get("content-type")).toBe("application/problem+json");
    expect(anon.json.type).toMatch(/unauthorized$/);
    const token = await keyFor(world.a.customer, ["mailboxes:read"], "widerrufen");
    expect((await api("GET", `/mailboxes/${world.a.mailboxId}`, { key: token })).status).toBe(200);
    const row = await firstRow(
      db
        .select({ id: schema.apiKeys.id })
        .from(schema.apiKeys)
        .where(eq(schema.apiKeys.publicId, token.split("_")[1])),
    );
    await revokeApiKey(world.a.customer, row?.id ?? 0, null, db);
    expect((await api("GET", `/mailboxes/${world.a.mailboxId}`, { key: token })).status).toBe(401);
    const expiring = await keyFor(world.a.customer, ["mailboxes:read"], "abgelaufen");
    expect((await api("GET", `/mailboxes/${world.a.mailboxId}`, { key: expiring })).status).toBe(200);
    await db
      .update(schema.apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.apiKeys.publicId, expiring.split("_")[1]));
    expect((await api("GET", `/mailboxes/${world.a.mailboxId}`, { key: expiring })).status).toBe(401);
  });

  it("answers 403 for a missing scope and for a resource the owner's role has no permission for", async () => {
    const write = await api("POST", "/mailboxes", { key: world.keys.aRead, body: { address: `x@${world.a.domain}`, password: null } });
    expect(write.status).toBe(403);
    expect(write.json.detail).toBeTruthy();
    // A reseller key cannot even ask for mailbox scopes; its own resources work.
    expect((await api("GET", "/packages", { key: world.keys.resellerA })).status).toBe(200);
    expect((await api("GET", `/mailboxes?domain=${world.a.domain}`, { key: world.keys.resellerA })).status).toBe(403);
  });

  it("answers 404 for another tenant's ids exactly as for ids that exist nowhere, and changes nothing", async () => {
    const foreign = await api("GET", `/mailboxes/${world.a.mailboxId}`, { key: world.keys.b });
    const missing = await api("GET", "/mailboxes/987654321", { key: world.keys.b });
    expect(foreign.status).toBe(404);
    expect(foreign.text).toBe(missing.text);
    expect((await api("PATCH", `/mailboxes/${world.a.mailboxId}`, { key: world.keys.b, body: { enabled: false } })).status).toBe(404);
    expect((await api("DELETE", `/mailboxes/${world.a.mailboxId}`, { key: world.keys.b })).status).toBe(404);
    expect((await api("PUT", `/mailboxes/${world.a.mailboxId}/password`, { key: world.keys.b, body: { password: null } })).status).toBe(
      404,
    );
    expect((await api("GET", `/mailboxes?domain=${world.a.domain}`, { key: world.keys.b })).status).toBe(404);
    expect((await api("GET", `/customers/${world.b.customer.customerId ?? 0}`, { key: world.keys.resellerA })).status).toBe(404);
    const still = await firstRow(db.select().from(schema.mailboxes).where(eq(schema.mailboxes.id, world.a.mailboxId)));
    expect(still?.enabled).toBe(true);
  });

  it("answers 409 for an address that is taken and 422 with per-field errors in the caller's language", async () => {
    const taken = await api("POST", "/mailboxes", { key: world.keys.a, body: { address: world.a.address, password: null } });
    expect(taken.status).toBe(409);
    const bad = { address: `neu-${tag}@${world.a.domain}`, password: "kurz", quotaMb: 0 };
    const de = await api("POST", "/mailboxes", { key: world.keys.a, body: bad, lang: "de-DE" });
    const en = await api("POST", "/mailboxes", { key: world.keys.a, body: bad, lang: "en-GB,en;q=0.9" });
    expect(de.status).toBe(422);
    expect(en.status).toBe(422);
    expect(de.headers.get("content-type")).toBe("application/problem+json");
    type FieldError = { field: string; messages: string[] };
    const fields = (r: typeof de) => (r.json.errors as FieldError[]).map((e) => e.field).sort();
    expect(fields(de)).toEqual(["password", "quotaMb"]);
    const pw = (r: typeof de) => (r.json.errors as FieldError[]).find((e) => e.field === "password")?.messages.join(" ");
    expect(pw(de)).not.toBe(pw(en));
    expect(en.headers.get("content-language")).toBe("en");
    expect((await api("POST", "/mailboxes", { key: world.keys.a, body: "{not json" })).status).toBe(400);
  });

  it("never answers 500 to fuzzed bodies", async () => {
    const samples: unknown[] = [
      null,
      [],
      42,
      "x",
      { address: 1 },
      { address: "a@b", password: 5 },
      { __proto__: { x: 1 } },
      { address: "ü@ä", password: "€".repeat(5000) },
    ];
    for (let i = 0; i < 20; i++)
      samples.push(Object.fromEntries([[crypto.randomBytes(3).toString("hex"), crypto.randomBytes(6).toString("base64")]]));
    for (const body of samples) {
      for (const [method, path] of [
        ["POST", "/mailboxes"],
        ["PATCH", `/mailboxes/${world.a.mailboxId}`],
        ["PUT", `/mailboxes/${world.a.mailboxId}/forwarding`],
        ["POST", "/tickets"],
      ]) {
        const res = await api(method, path, { key: world.keys.a, body: JSON.stringify(body) });
        expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBeLessThan(500);
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      }
    }
  });

  it("creates a mailbox once per Idempotency-Key, returns a generated password once, and audits with the key's name", async () => {
    const address = `idem-${tag}@${world.a.domain}`;
    const headers = { "idempotency-key": `create-${tag}` };
    const first = await api("POST", "/mailboxes", { key: world.keys.a, body: { address, password: null, quotaMb: 2048 }, headers });
    expect(first.status).toBe(201);
    expect(typeof first.json.password).toBe("string");
    expect(first.headers.get("location")).toBe(`/api/v1/mailboxes/${String(first.json.id)}`);
    const replay = await api("POST", "/mailboxes", { key: world.keys.a, body: { address, password: null, quotaMb: 2048 }, headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotency-replayed")).toBe("true");
    expect(replay.json.id).toBe(first.json.id);
    expect(replay.json.password).toBeUndefined();
    const other = await api("POST", "/mailboxes", { key: world.keys.a, body: { address, password: null, quotaMb: 1 }, headers });
    expect(other.status).toBe(422);
    const { mailboxes, apiIdempotency, auditLog } = schema;
    expect(await db.select({ n: count() }).from(mailboxes).where(eq(mailboxes.address, address))).toEqual([{ n: 1 }]);
    const stored = db
      .select({ n: count() })
      .from(apiIdempotency)
      .where(like(apiIdempotency.body, `%${String(first.json.password)}%`));
    expect(await stored).toEqual([{ n: 0 }]);
    const audit = await db
      .select({ login: auditLog.actorLabel, apiKey: auditLog.actorApiKey })
      .from(auditLog)
      .where(and(eq(auditLog.action, "mailbox.create"), eq(auditLog.targetLabel, address)));
    expect(audit).toEqual([{ login: world.a.customer.label, apiKey: `A ${tag}` }]);
    // The generated password is the mailbox's password at Dovecot.
    expect(await imapLogin(address, String(first.json.password))).toBe(true);
  });

  it("refuses a change without If-Match with 428 and one against an outdated ETag with 412", async () => {
    const unconditional = await api("PATCH", `/mailboxes/${world.a.mailboxId}`, { key: world.keys.a, body: { quotaMb: 1500 } });
    expect(unconditional.status).toBe(428);
    expect(unconditional.headers.get("content-type")).toBe("application/problem+json");
    expect(unconditional.json.detail).toMatch(/If-Match/);
    const read = await api("GET", `/mailboxes/${world.a.mailboxId}`, { key: world.keys.a });
    const etag = read.headers.get("etag") ?? "";
    expect(etag).toMatch(/^".+"$/);
    const changed = await api("PATCH", `/mailboxes/${world.a.mailboxId}`, {
      key: world.keys.a,
      body: { quotaMb: 2000 },
      headers: { "if-match": etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.json.quotaMb).toBe(2000);
    expect(changed.headers.get("etag")).not.toBe(etag);
    const stale = await api("PATCH", `/mailboxes/${world.a.mailboxId}`, {
      key: world.keys.a,
      body: { quotaMb: 3000 },
      headers: { "if-match": etag },
    });
    expect(stale.status).toBe(412);
    expect(
      (await firstRow(db.select({ q: schema.mailboxes.quotaMb }).from(schema.mailboxes).where(eq(schema.mailboxes.id, world.a.mailboxId))))
        ?.q,
    ).toBe(2000);
  });

  it("lists a domain's mailboxes page by page with a prefix", async () => {
    for (const local of ["p1", "p2", "p3", "q1"]) {
      expect(
        (await api("POST", "/mailboxes", { key: world.keys.a, body: { address: `${local}@${world.a.domain}`, password: null } })).status,
      ).toBe(201);
    }
    const first = await api("GET", `/mailboxes?domain=${world.a.domain}&prefix=p&limit=2`, { key: world.keys.a });
    expect((first.json.items as { address: string }[]).map((m) => m.address)).toEqual([`p1@${world.a.domain}`, `p2@${world.a.domain}`]);
    const second = await api("GET", `/mailboxes?domain=${world.a.domain}&prefix=p&limit=2&cursor=${String(first.json.nextCursor)}`, {
      key: world.keys.a,
    });
    expect((second.json.items as { address: string }[]).map((m) => m.address)).toEqual([`p3@${world.a.domain}`]);
    expect(second.json.nextCursor).toBeNull();
    expect((await api("GET", `/mailboxes?domain=${world.a.domain}&cursor=%%%`, { key: world.keys.a })).status).toBe(422);
  });

  it("sets a mailbox password that Dovecot checks at once over IMAP and SMTP, the old one refused", async () => {
    const next = `Neu-Schilf-Kante-${tag}-71`;
    const res = await api("PUT", `/mailboxes/${world.a.mailboxId}/password`, { key: world.keys.a, body: { password: next } });
    expect(res.status).toBe(200);
    expect(await imapLogin(world.a.address, next)).toBe(true);
    expect(await submissionLogin(world.a.address, next)).toBe(true);
    expect(await imapLogin(world.a.address, PASSWORD)).toBe(false);
  });

  it("reads and opens tickets, reads the audit log, and creates customers as a reseller", async () => {
    const ticket = await api("POST", "/tickets", {
      key: world.keys.a,
      body: { category: "general", subject: "Per API", message: "Hallo" },
    });
    expect(ticket.status).toBe(201);
    expect((await api("GET", `/tickets/${String(ticket.json.id)}`, { key: world.keys.a })).json.subject).toBe("Per API");
    expect((await api("GET", `/tickets/${String(ticket.json.id)}`, { key: world.keys.b })).status).toBe(404);
    const audit = await api("GET", "/audit?action=ticket.", { key: world.keys.a });
    expect(audit.status).toBe(200);
    const customer = await api("POST", "/customers", {
      key: world.keys.resellerA,
      body: {
        company: "",
        contactName: "Per API",
        street: "",
        postalCode: "",
        city: "",
        country: "DE",
        phone: "",
        contactEmail: `api-neu-${tag}@kunde.example`,
      },
    });
    expect(customer.status).toBe(201);
    expect(typeof customer.json.password).toBe("string");
    expect((await api("GET", "/customers", { key: world.keys.resellerA })).json.items).toHaveLength(2);
  });

  it("manages aliases and the catch-all, with taken addresses 409 and another tenant's alias 404", async () => {
    const address = `kontakt-${tag}@${world.a.domain}`;
    const created = await api("POST", "/aliases", { key: world.keys.a, body: { address, targets: [world.a.address] } });
    expect(created.status).toBe(201);
    expect(created.json.targets).toEqual([world.a.address]);
    expect((await api("POST", "/aliases", { key: world.keys.a, body: { address, targets: [world.a.address] } })).status).toBe(409);
    expect(
      (await api("POST", "/aliases", { key: world.keys.a, body: { address: world.a.address, targets: ["x@example.org"] } })).status,
    ).toBe(409);
    const listed = await api("GET", `/aliases?domain=${world.a.domain}`, { key: world.keys.a });
    expect((listed.json.aliases as { address: string }[]).map((a) => a.address)).toContain(address);
    expect(listed.json.catchAll).toBeNull();
    const ifMatch = (res: { headers: Headers }) => ({ "if-match": res.headers.get("etag") ?? "" });
    const on = await api("PUT", "/catch-all", {
      key: world.keys.a,
      body: { domain: world.a.domain, mailbox: world.a.address },
      headers: ifMatch(listed),
    });
    expect(on.status).toBe(200);
    expect(on.json.catchAll).toBe(world.a.address);
    const foreign = { domain: world.a.domain, mailbox: null };
    expect((await api("PUT", "/catch-all", { key: world.keys.b, body: foreign, headers: { "if-match": "*" } })).status).toBe(404);
    const off = await api("PUT", "/catch-all", {
      key: world.keys.a,
      body: { domain: world.a.domain, mailbox: null },
      headers: ifMatch(on),
    });
    expect(off.json.catchAll).toBeNull();
    const aliasUrl = `/aliases/${String(created.json.id)}`;
    expect((await api("DELETE", aliasUrl, { key: world.keys.b, headers: { "if-match": "*" } })).status).toBe(404);
    expect((await api("DELETE", aliasUrl, { key: world.keys.a })).status).toBe(428);
    const alias = await api("GET", aliasUrl, { key: world.keys.a });
    expect(alias.json).toEqual(created.json);
    expect((await api("DELETE", aliasUrl, { key: world.keys.a, headers: ifMatch(alias) })).status).toBe(204);
  });

  it("lets a reseller create, change and delete packages and customers, and the administration resellers, each If-Match-guarded", async () => {
    const key = world.keys.resellerB;
    const pkg = { name: `Tarif ${tag}`, panel: "plesk9", maxDomains: 1, maxMailboxes: 2, mailboxQuotaMb: 100, maxForwards: 0 };
    const created = await api("POST", "/packages", { key, body: { ...pkg, spamFilterEnabled: true, forwardingEnabled: true } });
    expect(created.status).toBe(201);
    const pkgUrl = `/packages/${String(created.json.id)}`;
    expect((await api("PATCH", pkgUrl, { key, body: { maxDomains: 3 } })).status).toBe(428);
    const etag = created.headers.get("etag") ?? "";
    const changed = await api("PATCH", pkgUrl, { key, body: { maxDomains: 3 }, headers: { "if-match": etag } });
    expect(changed.json).toMatchObject({ ...pkg, maxDomains: 3 });
    expect((await api("DELETE", pkgUrl, { key: world.keys.resellerA, headers: { "if-match": "*" } })).status).toBe(403);
    const inUse = await api("DELETE", `/packages/${world.b.packageId}`, { key, headers: { "if-match": "*" }, lang: "en" });
    expect(inUse.status).toBe(409);
    expect(inUse.json.detail).toMatch(/still use/);
    expect((await api("DELETE", pkgUrl, { key, headers: { "if-match": changed.headers.get("etag") ?? "" } })).status).toBe(204);

    const customer = await api("POST", "/customers", {
      key,
      body: {
        company: "",
        contactName: "Weg",
        street: "",
        postalCode: "",
        city: "",
        country: "DE",
        phone: "",
        contactEmail: `weg-${tag}@kunde.example`,
      },
    });
    expect(customer.status).toBe(201);
    const customerUrl = `/customers/${String(customer.json.id)}`;
    expect((await api("PATCH", customerUrl, { key: world.keys.resellerA, body: { city: "X" }, headers: { "if-match": "*" } })).status).toBe(
      404,
    );
    const moved = await api("PATCH", customerUrl, {
      key,
      body: { city: "Meran" },
      headers: { "if-match": customer.headers.get("etag") ?? "" },
    });
    expect(moved.json.city).toBe("Meran");
    expect((await api("DELETE", customerUrl, { key, headers: { "if-match": moved.headers.get("etag") ?? "" } })).status).toBe(204);
    expect(
      await db
        .select({ n: count() })
        .from(schema.users)
        .where(eq(schema.users.email, `weg-${tag}@kunde.example`)),
    ).toEqual([{ n: 0 }]);

    // Bases are multiples of 1000 above the tenants' range (600000 … 990000).
    const base = 1_000_000 + crypto.randomInt(0, 900_000) * 1000;
    const reseller = await api("POST", "/resellers", {
      key: world.keys.admin,
      body: { name: `Weg ${tag}`, customerNumberBase: base, email: `weg-${tag}@reseller.example` },
    });
    expect(reseller.status).toBe(201);
    const resellerUrl = `/resellers/${String(reseller.json.id)}`;
    const read = await api("GET", resellerUrl, { key: world.keys.admin });
    const renamed = await api("PATCH", resellerUrl, {
      key: world.keys.admin,
      body: { name: `Neu ${tag}` },
      headers: { "if-match": read.headers.get("etag") ?? "" },
    });
    expect(renamed.json).toMatchObject({ name: `Neu ${tag}`, customerNumberBase: base });
    expect(
      (await api("DELETE", resellerUrl, { key: world.keys.admin, headers: { "if-match": renamed.headers.get("etag") ?? "" } })).status,
    ).toBe(204);
  });

  it("answers 429 with Retry-After once a key exceeds its rate limit", async () => {
    const token = await keyFor(world.b.customer, ["domains:read"], "flut");
    let limited: Awaited<ReturnType<typeof api>> | undefined;
    // Two fixed windows hold at most twice the limit (600 by default): the loop must hit 429.
    for (let i = 0; i < 1202 && !limited; i++) {
      const res = await api("GET", "/domains", { key: token });
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
