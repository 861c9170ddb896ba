import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";

const SECRET = "unit-test-secret";

describe("secret box", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = sealSecret("Geheim-Passwort-123!", "ticket:1", SECRET);
    expect(sealed).not.toContain("Geheim");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(openSecret(sealed, "ticket:1", SECRET)).toBe("Geheim-Passwort-123!");
  });

  it("uses a fresh IV each time", () => {
    expect(sealSecret("x", "c", SECRET)).not.toBe(sealSecret("x", "c", SECRET));
  });

  it("refuses another context, another secret and tampering", () => {
    const sealed = sealSecret("Geheim", "ticket:1", SECRET);
    expect(() => openSecret(sealed, "ticket:2", SECRET)).toThrow();
    expect(() => openSecret(sealed, "ticket:1", "other-secret")).toThrow();
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3], "base64url");
    body[0] ^= 1;
    expect(() => openSecret([parts[0], parts[1], parts[2], body.toString("base64url")].join("."), "ticket:1", SECRET)).toThrow();
    expect(() => openSecret("garbage", "ticket:1", SECRET)).toThrow();
  });
});
