import { describe, expect, it } from "vitest";
import { absoluteLifetimeMs, outlivedLogin } from "@/lib/auth/session-lifetime";

const HOUR = 3_600_000;
const at = Date.UTC(2026, 10, 23, 8, 0, 0);

describe("absolute login lifetime (SE-04)", () => {
  it("ends staff logins after 12 hours, others after 24, however active", () => {
    expect(absoluteLifetimeMs("support")).toBe(12 * HOUR);
    expect(outlivedLogin(at, "reseller", at + 11.9 * HOUR)).toBe(false);
    expect(outlivedLogin(at, "reseller", at + 12 * HOUR + 1)).toBe(true);
    expect(outlivedLogin(at, "customer", at + 23 * HOUR)).toBe(false);
    expect(outlivedLogin(at, "mailbox", at + 24 * HOUR + 1)).toBe(true);
  });

  it("refuses a login time from the future", () => {
    expect(outlivedLogin(at + HOUR, "customer", at)).toBe(true);
  });
});
