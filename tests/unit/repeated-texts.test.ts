import { describe, expect, it } from "vitest";
import { aroundPlaceholder, onceEach } from "@/lib/i18n/repeated-texts";

describe("repeated list texts", () => {
  it("formats each distinct key once and returns the same text for it", () => {
    const text = onceEach();
    let calls = 0;
    const make = (n: number) => () => `${n} von 10 (${++calls})`;
    expect(text("usage:1", make(3))).toBe("3 von 10 (1)");
    expect(text("usage:1", make(4))).toBe("3 von 10 (1)");
    expect(text("usage:2", make(4))).toBe("4 von 10 (2)");
    expect(calls).toBe(2);
    expect(onceEach()("usage:1", make(5))).toBe("5 von 10 (3)");
  });

  it("splits a message around its placeholder, wherever the language puts it", () => {
    expect(aroundPlaceholder("Paket verwalten: {domain}", "{domain}")).toEqual({ before: "Paket verwalten:", after: "" });
    expect(aroundPlaceholder("{domain} verwalten", "{domain}")).toEqual({ before: "", after: "verwalten" });
    expect(aroundPlaceholder("Gestisci {domain} ora", "{domain}")).toEqual({ before: "Gestisci", after: "ora" });
    expect(aroundPlaceholder("Verwalten", "{domain}")).toEqual({ before: "Verwalten", after: "" });
  });
});
