/**
 * Where Kontor leans on a library's behaviour beyond its documented API, one adapter file holds it
 * (ARCHITECTURE.md, "Library seams"). These tests fail loudly when an upgrade changes what an
 * adapter relies on: each runs the library's real code, and each adapter names the version it was
 * checked against, so an upgrade makes someone look again.
 */
import fs from "node:fs";
import path from "node:path";
import { Auth } from "@auth/core";
import Credentials from "@auth/core/providers/credentials";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { beforeEach, describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => ({ cookies: new Map<string, string>(), headers: new Headers() }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined),
    has: (name: string) => request.cookies.has(name),
  }),
  headers: async () => request.headers,
}));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null }));

const SECRET = "library-seams-test-secret-0123456789abcdef";
process.env.AUTH_SECRET = SECRET;
process.env.AUTH_URL = "";

const { readSessionPrincipal, VERIFIED_WITH: SESSION_VERIFIED } = await import("@/lib/auth/read-session");
const { cacheStatements, VERIFIED_WITH: STATEMENTS_VERIFIED } = await import("@/db/statement-cache");
const { VERIFIED_WITH: CSP_VERIFIED } = await import("@/lib/security/csp.mjs");

function installedVersion(pkg: string): string {
  return (JSON.parse(fs.readFileSync(path.join(process.cwd(), "node_modules", pkg, "package.json"), "utf8")) as { version: string })
    .version;
}

function expectVerified(adapter: string, verified: Record<string, string>) {
  for (const [pkg, version] of Object.entries(verified)) {
    const installed = installedVersion(pkg);
    if (installed !== version) {
      throw new Error(
        `${adapter} was checked against ${pkg} ${version}, but ${installed} is installed: re-check what its comment says it relies on, then update its VERIFIED_WITH`,
      );
    }
  }
}

/** A session cookie as next-auth itself writes it: credentials sign-in through @auth/core's Auth(). */
async function signInCookie(origin: string): Promise<{ name: string; value: string }> {
  const principal = { kind: "user" as const, id: 7, sv: 1, sid: "sid-seam", at: 1_700_000_000_000 };
  const config = {
    secret: SECRET,
    trustHost: true,
    basePath: "/api/auth",
    session: { strategy: "jwt" as const },
    providers: [Credentials({ credentials: { grant: {} }, authorize: async () => ({ id: "user:7", principal }) })],
    callbacks: {
      jwt: ({ token, user }: { token: Record<string, unknown>; user?: { principal?: unknown } }) =>
        user?.principal ? { ...token, principal: user.principal } : token,
    },
  };
  const csrf = await Auth(new Request(`${origin}/api/auth/csrf`), config);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const signIn = await Auth(
    new Request(`${origin}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, grant: "g" }),
    }),
    config,
  );
  const session = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.includes("session-token="));
  if (!session) throw new Error(`next-auth set no session cookie (status ${signIn.status})`);
  const at = session.indexOf("=");
  return { name: session.slice(0, at), value: session.slice(at + 1) };
}

describe("next-auth: lib/auth/read-session.ts decodes next-auth's session cookie itself", () => {
  beforeEach(() => request.cookies.clear());

  it("reads the cookie next-auth writes over http and over https (cookie name and salt)", async () => {
    for (const [origin, proto] of [
      ["http://panel.example", "http"],
      ["https://panel.example", "https"],
    ]) {
      const cookie = await signInCookie(origin);
      expect(cookie.name).toBe(proto === "https" ? "__Secure-authjs.session-token" : "authjs.session-token");
      request.cookies.clear();
      request.cookies.set(cookie.name, cookie.value);
      request.headers = new Headers({ host: "panel.example", "x-forwarded-proto": proto });
      expect(await readSessionPrincipal()).toMatchObject({ kind: "user", id: 7, sid: "sid-seam" });
    }
  });

  it("was checked against the installed next-auth", () => {
    expectVerified("lib/auth/read-session.ts", SESSION_VERIFIED);
  });
});

describe("better-sqlite3 + drizzle: db/statement-cache.ts replaces the connection's prepare", () => {
  it("drizzle compiles every query through the connection's prepare, so the cache sees them all", () => {
    const sqlite = cacheStatements(new Database(":memory:"));
    const compiled: string[] = [];
    const cachedPrepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = (source: string) => {
      compiled.push(source);
      return cachedPrepare(source);
    };
    const db = drizzle(sqlite);
    for (let i = 0; i < 3; i++) expect(db.all(sql`SELECT ${i} AS n`)).toEqual([{ n: i }]);
    expect(compiled).toEqual(["SELECT ? AS n", "SELECT ? AS n", "SELECT ? AS n"]);
    expect(sqlite.prepare("SELECT ? AS n")).toBe(sqlite.prepare("SELECT ? AS n"));
  });

  it("was checked against the installed better-sqlite3 and drizzle-orm", () => {
    expectVerified("db/statement-cache.ts", STATEMENTS_VERIFIED);
  });
});

describe("Next: lib/security/csp.mjs sets the nonce in the request's CSP header (scripts/serve.mjs)", () => {
  // That Next then puts the nonce on its own <script> tags is checked against the real server in
  // tests/e2e/security-headers.test.ts.
  it("was checked against the installed next", () => {
    expectVerified("lib/security/csp.mjs", CSP_VERIFIED);
  });
});
