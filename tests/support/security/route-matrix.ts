import type { Permission } from "@/lib/authz/permissions";
import type { World } from "./world";

/**
 * Every route handler (`app/**\/route.ts`, one entry per exported HTTP method) and who may call it.
 * tests/unit/security/route-matrix.test.ts fails when a handler has no entry here.
 *
 * - `access`: the permission of lib/authz's table the handler asks; the roles holding it get an answer, every
 *   other role and anonymous visitors get 401, 403 or 404.
 * - `request`: what tenant B's actor (or anyone, for public routes) sends. Public routes answer tenant A's
 *   address exactly as they answer an address that exists nowhere (`probe`), so nothing can be probed.
 * - `delegated`: handlers that are a library's, not Kontor's; the test checks they are exactly that.
 */
export type RouteEntry = {
  access: Permission;
  request: (w: World) => Request;
  /** Two requests that differ only in the address asked for: a real one of tenant A and one that exists nowhere. */
  probe?: (w: World) => { existing: Request; missing: Request; existingAddress: string; missingAddress: string };
  /** For the allowed caller: what the body must contain (its own data). */
  ownData?: (w: World) => string[];
  /** The allowed callers' status (200 when unset); a list when it depends on the machine, not on the caller. */
  expectStatus?: number | readonly number[];
  delegated?: "next-auth";
  /** Writes its audit entry for the allowed callers (a download that must be on record), nothing else. */
  audited?: true;
};

const BASE = "http://127.0.0.1:3000";
const NOWHERE = "niemand@nirgends.example";
const get = (path: string) => new Request(`${BASE}${path}`);
const autodiscoverXml = (address: string) => `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
  <Request><EMailAddress>${address}</EMailAddress>
  <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request>
</Autodiscover>`;
const post = (path: string, body: string) =>
  new Request(`${BASE}${path}`, { method: "POST", body, headers: { "content-type": "text/xml" } });

const autoconfig = (path: string): RouteEntry => ({
  access: "public",
  request: (w) => get(`${path}?emailaddress=${encodeURIComponent(w.a.mailboxAddress)}`),
  probe: (w) => ({
    existing: get(`${path}?emailaddress=${encodeURIComponent(w.a.mailboxAddress)}`),
    missing: get(`${path}?emailaddress=${encodeURIComponent(NOWHERE)}`),
    existingAddress: w.a.mailboxAddress,
    missingAddress: NOWHERE,
  }),
});

export const ROUTE_MATRIX: Record<string, RouteEntry> = {
  "app/(mailbox)/mailbox/setup/profile/route.ts#GET": {
    access: "mailbox.self",
    request: () => get("/mailbox/setup/profile"),
    ownData: (w) => [w.b.mailboxAddress],
  },
  "app/.well-known/autoconfig/mail/config-v1.1.xml/route.ts#GET": autoconfig("/.well-known/autoconfig/mail/config-v1.1.xml"),
  "app/mail/config-v1.1.xml/route.ts#GET": autoconfig("/mail/config-v1.1.xml"),
  "app/autodiscover/autodiscover.xml/route.ts#GET": autoconfig("/autodiscover/autodiscover.xml"),
  "app/autodiscover/autodiscover.xml/route.ts#POST": {
    access: "public",
    request: (w) => post("/autodiscover/autodiscover.xml", autodiscoverXml(w.a.mailboxAddress)),
    probe: (w) => ({
      existing: post("/autodiscover/autodiscover.xml", autodiscoverXml(w.a.mailboxAddress)),
      missing: post("/autodiscover/autodiscover.xml", autodiscoverXml(NOWHERE)),
      existingAddress: w.a.mailboxAddress,
      missingAddress: NOWHERE,
    }),
  },
  "app/api/export/route.ts#GET": {
    access: "export.read",
    request: (w) => get(`/api/export?subscription=${w.b.subscriptionId}&format=csv`),
    ownData: (w) => [w.b.domainName],
    audited: true,
  },
  "app/api/altcha/challenge/route.ts#GET": { access: "public", request: () => get("/api/altcha/challenge") },
  "app/api/altcha/worker/route.ts#GET": { access: "public", request: () => get("/api/altcha/worker") },
  "app/api/password/policy/route.ts#GET": { access: "public", request: () => get("/api/password/policy") },
  // For load balancers: the same answer for everyone, 503 when this machine's Dovecot or Postfix does not
  // answer (tests/e2e/healthz.test.ts checks both answers against real services).
  "app/healthz/route.ts#GET": { access: "public", expectStatus: [200, 503], request: () => get("/healthz") },
  // Roundcube's password driver: only the webmail gets an answer (socket on loopback, shared secret;
  // tests/unit/webmail.test.ts); anyone else, whatever their session, gets 404 and nothing changes.
  "app/api/webmail/password/route.ts#POST": {
    access: "public",
    expectStatus: 404,
    request: (w) =>
      new Request(`${BASE}/api/webmail/password`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer a-guess" },
        body: JSON.stringify({
          user: w.a.mailboxAddress,
          currentPassword: "Falsch-Falsch-Falsch",
          newPassword: "Kieselstein-Abendrot-84?",
        }),
      }),
  },
  // API v1 (lib/api) authenticates with API keys only, never with the panel's session: without a key every
  // role gets 401. What keys of each role and scope may do: tests/unit/api-*.test.ts, tests/e2e/api-v1.test.ts.
  ...Object.fromEntries(
    (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).map((method) => [
      `app/api/v1/[...path]/route.ts#${method}`,
      {
        access: "public",
        expectStatus: 401,
        request: () =>
          new Request(
            `${BASE}/api/v1${{ GET: "/mailboxes/1", POST: "/mailboxes", PUT: "/mailboxes/1/password", PATCH: "/mailboxes/1", DELETE: "/mailboxes/1" }[method]}`,
            {
              method,
              headers: { "content-type": "application/json" },
              body: method === "GET" ? undefined : "{}",
            },
          ),
      } satisfies RouteEntry,
    ]),
  ),
  // next-auth's own endpoints: sessions come only from a one-time grant of Kontor's login service
  // (lib/auth/auth.ts); logins are covered by tests/e2e/login.test.ts and the login service tests.
  "app/api/auth/[...nextauth]/route.ts#GET": { access: "public", request: () => get("/api/auth/session"), delegated: "next-auth" },
  "app/api/auth/[...nextauth]/route.ts#POST": { access: "public", request: () => get("/api/auth/session"), delegated: "next-auth" },
};
