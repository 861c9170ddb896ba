import { describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => ({ locale: "de" }));
vi.mock("next-intl/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-intl/server")>()),
  getLocale: async () => request.locale,
}));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

const { getTranslations } = await import("@/lib/i18n/translations");

describe("server translations with process-wide message formatting", () => {
  it("formats plurals and arguments in the request's language, again and again", async () => {
    const expected = {
      de: ["Keine Domains", "1 Domain", "1.234 Domains"],
      en: ["No domains", "1 domain", "1,234 domains"],
      it: ["Nessun dominio", "1 dominio", "1234 domini"],
    };
    for (let round = 0; round < 2; round++) {
      for (const [locale, texts] of Object.entries(expected)) {
        request.locale = locale;
        const t = await getTranslations("ksc");
        expect([0, 1, 1234].map((count) => t("domainsCount", { count }))).toEqual(texts);
      }
    }
  });

  it("answers an unknown locale in German and a missing key with next-intl's fallback", async () => {
    request.locale = "xx";
    const t = await getTranslations("ksc");
    expect(t("domainsCount", { count: 2 })).toBe("2 Domains");
    const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(t("noSuchKey")).toBe("ksc.noSuchKey");
    quiet.mockRestore();
  });
});

describe("texts with numbers kept per translator", () => {
  it("gives each value its own text, per language, and leaves strings and dates to next-intl", async () => {
    for (let round = 0; round < 2; round++) {
      request.locale = "de";
      const de = await getTranslations("ksc");
      expect(de("domainsCount", { count: 1 })).toBe("1 Domain");
      expect(de("domainsCount", { count: 2 })).toBe("2 Domains");
      request.locale = "en";
      const en = await getTranslations("ksc");
      expect(en("domainsCount", { count: 1 })).toBe("1 domain");
      expect(en("domainsCount", { count: 2 })).toBe("2 domains");
    }
    request.locale = "de";
    const common = await getTranslations("common");
    expect(common("loggedInAs", { name: "Anna" })).toBe("Angemeldet als Anna");
    expect(common("loggedInAs", { name: "Bert" })).toBe("Angemeldet als Bert");
    expect(typeof common.raw("loggedInAs")).toBe("string");
    expect(common.has("loggedInAs")).toBe(true);
  });
});
