/**
 * Issue 25: days are typed as the page's language writes them (components/form/date-field.tsx) and
 * read on the server (lib/validation/day.ts): German dots and English/Italian slashes, day first,
 * ISO for API calls and old links; a day that does not exist is refused with the format's message.
 */
import { describe, expect, it } from "vitest";
import { formatDay, parseDay } from "@/lib/i18n/day-format";
import { createApiKeySchema } from "@/lib/validation/api-key";
import { auditDayErrors, auditQuerySchema } from "@/lib/validation/audit";
import { dayField } from "@/lib/validation/day";

describe("days as typed", () => {
  it.each([
    ["31.12.2026", "2026-12-31"],
    ["1.2.2027", "2027-02-01"],
    ["01.02.27", "2027-02-01"],
    [" 31. 12. 2026 ", "2026-12-31"],
    ["31/12/2026", "2026-12-31"],
    ["5/3/2027", "2027-03-05"],
    ["2026-12-31", "2026-12-31"],
    ["29.02.2028", "2028-02-29"],
  ])("%s is %s", (typed, iso) => {
    expect(parseDay(typed)).toBe(iso);
  });

  it.each([
    "31.02.2027",
    "29.02.2027",
    "32.1.2026",
    "1.13.2026",
    "12/31/2026",
    "31.12/2026",
    "31-12-2026",
    "morgen",
    "",
    "1.1.1969",
    "2026-02-30",
  ])("%s is no day", (typed) => {
    expect(parseDay(typed)).toBeNull();
  });

  it("writes a stored day in each language's format and leaves typed text alone", () => {
    expect(formatDay("2026-12-31", "de")).toBe("31.12.2026");
    expect(formatDay("2026-12-31", "en")).toBe("31/12/2026");
    expect(formatDay("2026-12-31", "it")).toBe("31/12/2026");
    expect(formatDay("31.02.2027", "de")).toBe("31.02.2027");
  });

  it("the form field: empty is no day, a day is ISO, anything else gets the format's message", () => {
    expect(dayField.parse(undefined)).toBeNull();
    expect(dayField.parse("  ")).toBeNull();
    expect(dayField.parse("31.12.2026")).toBe("2026-12-31");
    expect(dayField.safeParse("31.02.2027").error?.issues.map((i) => i.message)).toEqual(["validation.date"]);
  });

  it("the API key's last day and the audit filters read the same way", () => {
    const key = (expiresOn: string) => createApiKeySchema.safeParse({ name: "A", scopes: "tickets:read", expiresOn });
    expect(key("31/12/2030").data?.expiresOn).toBe("2030-12-31");
    expect(key("2030-02-30").error?.issues.map((i) => i.message)).toEqual(["validation.date"]);
    expect(auditQuerySchema.parse({ from: "1.1.2026", to: "kaputt" })).toMatchObject({ from: "2026-01-01", to: undefined });
    expect(auditDayErrors({ from: "1.1.2026", to: "kaputt" })).toEqual({ to: ["validation.date"] });
    expect(auditDayErrors({ from: "", to: ["x", "y"] })).toEqual({});
  });
});
