import { describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => ({ locale: "de" }));
vi.mock("next-intl/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-intl/server")>()),
  getLocale: async () => request.locale,
}));
vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

const { serviceLabels } = await import("@/components/panel/shared/service-labels");

// The labels are kept for the life of the process; they must stay per language.
describe("service icon labels kept per process", () => {
  it("answers each request in its own language, also after another language was asked", async () => {
    for (let round = 0; round < 2; round++) {
      request.locale = "de";
      expect((await serviceLabels()).spamFilter).toEqual({ on: "Spamfilter: eingeschaltet", off: "Spamfilter: ausgeschaltet" });
      request.locale = "it";
      expect((await serviceLabels()).forwarding).toEqual({ on: "Inoltro: attivo", off: "Inoltro: disattivato" });
      request.locale = "en";
      expect((await serviceLabels()).mailbox).toEqual({ on: "Mailbox: on", off: "Mailbox: off" });
    }
  });
});
