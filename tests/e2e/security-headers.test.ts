import { describe, expect, it } from "vitest";
import { BASE_URL } from "./support/browser";

const PATHS = ["/login", "/", "/ksc", "/passwort-vergessen", "/api/auth/csrf", "/api/altcha/challenge", "/does-not-exist", "/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=info@alpenblick.example"];

describe("security headers", () => {
  it.each(PATHS)("%s carries a Content-Security-Policy and the hardening headers", async (path) => {
    const res = await fetch(`${BASE_URL}${path}`, { redirect: "manual" });
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("sets the session cookie httpOnly and SameSite", async () => {
    const res = await fetch(`${BASE_URL}/api/auth/csrf`);
    const cookies = res.headers.getSetCookie().join("\n");
    expect(cookies).toMatch(/authjs\.csrf-token=[^;]+;.*HttpOnly/i);
    expect(cookies).toMatch(/SameSite=Lax/i);
  });

  it("refuses a server action posted from a foreign origin", async () => {
    const res = await fetch(`${BASE_URL}/login`, {
      method: "POST",
      headers: { origin: "https://evil.example", "next-action": "0".repeat(42), "content-type": "text/plain" },
      body: "[]",
      redirect: "manual",
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
