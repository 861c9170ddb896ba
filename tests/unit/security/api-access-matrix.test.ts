/**
 * API v1's access matrix: every operation of lib/api/routes, called with a key of every role that may
 * hold keys, with all the scopes the role may give and with a key of an unrelated scope. A key answers
 * only where its owner's role holds the resource's permission of lib/authz's table and the key has the
 * scope; tenant A's records answer 404 to tenant B's keys; nothing answers 500 or leaks a hash.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { handleApiRequest } from "@/lib/api/handle-request";
import { API_ROUTES } from "@/lib/api/routes";
import { ALL_SCOPES, API_RESOURCES, scopesFor } from "@/lib/api/scopes";
import type { ApiRoute } from "@/lib/api/define-route";
import { can, type Role } from "@/lib/authz/permissions";
import { createApiKey } from "@/lib/services/api-keys/manage-api-keys";
import { createApiKeySchema } from "@/lib/validation/api-key";
import { harness } from "../../support/security/harness";
import { buildWorld, openCopy, type World } from "../../support/security/world";

vi.mock("@/db", async () => (await import("../../support/security/harness")).mockDb());

const KEY_ROLES = ["admin", "reseller", "customer"] as const satisfies readonly Role[];
let world: World;
let db: ReturnType<typeof openCopy>;
const keys = {} as Record<(typeof KEY_ROLES)[number], { all: string; other: string; stale: string }>;
let hashes: string[];

beforeAll(async () => {
  const built = await buildWorld();
  world = built.world;
  db = openCopy(built.image);
  harness.db = db.db;
  harness.sqlite = db.sqlite;
  for (const role of KEY_ROLES) {
    const actor = world.actors[role];
    const make = async (scopes: string[]) =>
      (await createApiKey(actor, createApiKeySchema.parse({ name: `Matrix ${role}`, scopes }), null, db.db)).token;
    // A key whose scopes name more than the owner's role holds (as after a change of the role): the
    // permission table still decides, the scopes only narrow.
    const stale = await make(["audit:read"]);
    db.sqlite.prepare("UPDATE api_keys SET scopes = ? WHERE public_id = ?").run(JSON.stringify(ALL_SCOPES), stale.split("_")[1]);
    keys[role] = { all: await make(scopesFor(actor)), other: await make(["audit:read"]), stale };
  }
  hashes = ["users", "mailboxes", "mail_accounts"].flatMap(
    (t) => db.sqlite.prepare(`SELECT password_hash FROM ${t}`).pluck().all() as string[],
  );
  hashes.push(...(db.sqlite.prepare("SELECT secret_hash FROM api_keys").pluck().all() as string[]));
}, 60_000);

/** What tenant B's key sends: tenant A's ids and domain wherever the operation names one. */
function request(route: ApiRoute, key: string): Request {
  const a = world.a;
  const ids: Record<string, number> = {
    mailboxes: a.mailboxId,
    aliases: a.aliasId,
    customers: a.customerId,
    subscriptions: a.subscriptionId,
    packages: a.packageId,
    resellers: a.resellerId,
    tickets: a.ticketId,
  };
  const path = route.path.replace("{id}", String(ids[route.path.split("/")[1]] ?? 1));
  const query =
    route.path === "/mailboxes" || route.path === "/aliases"
      ? `?domain=${a.domainName}`
      : route.path === "/imports"
        ? `?subscription=${a.subscriptionId}`
        : "";
  const bodies: Record<string, unknown> = {
    createMailbox: { address: `neu@${a.domainName}`, password: null },
    updateMailbox: { enabled: true },
    setMailboxPassword: { password: null },
    setMailboxForwarding: { targets: [], keepCopy: true },
    setMailboxSpamFilter: { enabled: true },
    createAlias: { address: `matrix@${a.domainName}`, targets: [a.mailboxAddress] },
    setCatchAll: { domain: a.domainName, mailbox: null },
    createCustomer: {
      contactName: "Matrix",
      country: "DE",
      contactEmail: "matrix@example.org",
      company: "",
      street: "",
      postalCode: "",
      city: "",
      phone: "",
    },
    updateCustomer: { city: "Matrix" },
    createPackage: {
      name: "Matrix",
      panel: "plesk9",
      maxDomains: 1,
      maxMailboxes: 1,
      mailboxQuotaMb: 100,
      maxForwards: 1,
      spamFilterEnabled: true,
      forwardingEnabled: true,
    },
    updatePackage: { name: "Matrix" },
    createReseller: { name: "Matrix", customerNumberBase: 990000, email: "matrix-reseller@example.org" },
    updateReseller: { name: "Matrix" },
    createTicket: { category: "general", subject: "Matrix", message: "Matrix" },
  };
  // An upload (the dry run of an import) sends its file as it is: a line for tenant A's domain.
  if (route.upload)
    return new Request(`http://127.0.0.1/api/v1${path}${query}`, {
      method: route.method,
      headers: { authorization: `Bearer ${key}`, "content-type": "text/csv" },
      body: `type,address,password\nmailbox,matrix@${a.domainName},generate\n`,
    });
  const body = bodies[route.operationId];
  return new Request(`http://127.0.0.1/api/v1${path}${query}`, {
    method: route.method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Operations that reach one of tenant A's records (by id or by domain): tenant B must get 404. */
const aimsAtTenantA = (route: ApiRoute) =>
  route.path.includes("{id}") ||
  ["listMailboxes", "createMailbox", "listAliases", "createAlias", "setCatchAll", "createImport"].includes(route.operationId);

describe.each(API_ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))("%s", (_name, route) => {
  it.each(KEY_ROLES)("as %s: allowed only with scope and permission, tenant A's records 404", async (role) => {
    const actor = world.actors[role];
    const permitted = route.resource === null || can(actor, API_RESOURCES[route.resource]);
    const full = await handleApiRequest(request(route, keys[role].all));
    const text = await full.text();
    for (const h of hashes) expect(text.includes(h), `${role}: a hash in the body`).toBe(false);
    expect(full.status, `${role}: ${text}`).toBeLessThan(500);
    if (!permitted) expect(full.status, `${role}: ${text}`).toBe(403);
    else if (aimsAtTenantA(route) && role !== "admin") expect(full.status, `${role}: ${text}`).toBe(404);
    else expect(full.status, `${role}: ${text}`).not.toBe(403);
    const stale = await handleApiRequest(request(route, keys[role].stale));
    if (!permitted) expect(stale.status, `${role} with scopes beyond its role`).toBe(403);
    const other = await handleApiRequest(request(route, keys[role].other));
    const expected = route.resource === null || (route.resource === "audit" && can(actor, "audit.read")) ? [200] : [403];
    expect(expected, `${role} with another scope`).toContain(other.status);
  });
});
