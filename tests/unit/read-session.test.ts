import { encode } from "@auth/core/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => ({ cookies: new Map<string, string>(), headers: new Headers() }));
const fallback = vi.hoisted(() => ({ auth: vi.fn(async (): Promise<unknown> => null) }));
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name) } : undefined),
    has: (name: string) => request.cookies.has(name),
  }),
  headers: async () => request.headers,
}));
vi.mock("@/lib/auth/auth", () => ({ auth: fallback.auth }));

const { readSessionPrincipal } = await import("@/lib/auth/read-session");

const SECRET = "read-session-test-secret-0123456789abcdef";
const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";
const principal = { kind: "user", id: 7, sv: 3, sid: "sid-abc", at: 1_700_000_000_000 };
const token = (payload: object, opts: { salt?: string; secret?: string; maxAge?: number } = {}) =>
  encode({ token: payload, secret: opts.secret ?? SECRET, salt: opts.salt ?? PLAIN, maxAge: opts.maxAge });

/** Changes one character inside the ciphertext (the last character of a segment may only carry padding bits). */
function tamper(jwe: string): string {
  const parts = jwe.split(".");
  const mid = Math.floor(parts[3].length / 2);
  parts[3] = parts[3].slice(0, mid) + (parts[3][mid] === "A" ? "B" : "A") + parts[3].slice(mid + 1);
  return parts.join(".");
}

beforeEach(() => {
  vi.stubEnv("AUTH_SECRET", SECRET);
  vi.stubEnv("AUTH_URL", "");
  request.cookies.clear();
  // Next sets x-forwarded-proto on every request it serves.
  request.headers = new Headers({ host: "panel.example", "x-forwarded-proto": "http" });
  fallback.auth.mockClear();
});
afterEach(() => vi.unstubAllEnvs());

describe("readSessionPrincipal", () => {
  it("reads the principal of a valid session cookie", async () => {
    request.cookies.set(PLAIN, await token({ principal }));
    expect(await readSessionPrincipal()).toEqual(principal);
    expect(fallback.auth).not.toHaveBeenCalled();
  });

  it("decrypts a token once: the next request with it is answered from memory", async () => {
    request.cookies.set(PLAIN, await token({ principal: { ...principal, id: 8 } }));
    expect((await readSessionPrincipal())?.id).toBe(8);
    // With another secret the token could not be decrypted again; the remembered answer stands.
    vi.stubEnv("AUTH_SECRET", "another-secret-another-secret-another-secret");
    expect((await readSessionPrincipal())?.id).toBe(8);
  });

  it("refuses no cookie, an expired token, a foreign secret, a tampered token and a wrong shape", async () => {
    expect(await readSessionPrincipal()).toBeUndefined();
    for (const bad of [
      await token({ principal: { ...principal, id: 9 } }, { maxAge: -60 }),
      await token({ principal: { ...principal, id: 10 } }, { secret: "someone-elses-secret-0123456789abcdef" }),
      tamper(await token({ principal: { ...principal, id: 11 } })),
      await token({ principal: { ...principal, kind: "root" } }),
      await token({ principal: { ...principal, sid: undefined } }),
      await token({ principal }, { salt: SECURE }),
    ]) {
      request.cookies.set(PLAIN, bad);
      expect(await readSessionPrincipal()).toBeUndefined();
    }
  });

  it("forgets a remembered token when it expires", async () => {
    vi.useFakeTimers({ now: Date.now(), toFake: ["Date"] });
    try {
      request.cookies.set(PLAIN, await token({ principal: { ...principal, id: 12 } }, { maxAge: 60 }));
      expect((await readSessionPrincipal())?.id).toBe(12);
      vi.setSystemTime(Date.now() + 61_000);
      expect(await readSessionPrincipal()).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it("over https reads only the __Secure- cookie, as next-auth does", async () => {
    request.headers = new Headers({ host: "panel.example", "x-forwarded-proto": "https" });
    request.cookies.set(PLAIN, await token({ principal: { ...principal, id: 13 } }));
    expect(await readSessionPrincipal()).toBeUndefined();
    request.cookies.set(SECURE, await token({ principal: { ...principal, id: 14 } }, { salt: SECURE }));
    expect((await readSessionPrincipal())?.id).toBe(14);
  });

  it("leaves a token split over several cookies to next-auth", async () => {
    request.cookies.set(`${PLAIN}.0`, "part");
    fallback.auth.mockResolvedValueOnce({ principal: { ...principal, id: 15 } });
    expect((await readSessionPrincipal())?.id).toBe(15);
    expect(fallback.auth).toHaveBeenCalledOnce();
  });
});
