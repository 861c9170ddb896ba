import { randomUUID } from "node:crypto";
import { encode } from "@auth/core/jwt";
import { vi } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { authSecret } from "@/lib/config";

/**
 * A real session for unit tests of server actions: the session cookie next-auth writes at login (its
 * token encrypted with AUTH_SECRET, salted with the cookie's name, as lib/auth/read-session.ts reads
 * it), served by a stand-in for Next's request scope, which exists only inside a Next request. With
 * it lib/auth/session's getActor runs as in production: it decodes the token and checks revocation,
 * session version and the login's lifetime against the database.
 *
 *   vi.mock("next/headers", async () => (await import("../support/request-session")).nextHeaders());
 */
/** next-auth's cookie on plain http (read-session.ts picks the name by the request's protocol). */
export const SESSION_COOKIE = "authjs.session-token";
const jar = new Map<string, string>();

/** next/headers of a plain-http request that carries the cookies logInAs set. */
export function nextHeaders() {
  return {
    cookies: async () => ({
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
      has: (name: string) => jar.has(name),
      set: () => undefined,
    }),
    headers: async () => new Headers({ host: "127.0.0.1", "x-forwarded-proto": "http" }),
  };
}

/** The session cookie's value as the login writes it now: a fresh session id, the actor's session version. */
export async function sessionToken(actor: Actor): Promise<string> {
  // A fixed secret, so no test writes the random one that lib/config keeps beside the database.
  if (!process.env.AUTH_SECRET) vi.stubEnv("AUTH_SECRET", "unit-test-session-secret-0123456789abcdef");
  const principal = { kind: actor.kind, id: actor.id, sv: actor.sessionVersion, sid: randomUUID(), at: Date.now() };
  return await encode({ token: { principal }, secret: authSecret(), salt: SESSION_COOKIE });
}

/** Logs the actor in (the cookie nextHeaders serves). */
export async function logInAs(actor: Actor): Promise<void> {
  jar.set(SESSION_COOKIE, await sessionToken(actor));
}
