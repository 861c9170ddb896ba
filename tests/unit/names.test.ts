import { describe, expect, it } from "vitest";
import { canonicalAddress, canonicalCustomerNumber, canonicalDomain, displayAddress, displayDomain } from "@/lib/validation/names";

describe("canonical names", () => {
  it.each([
    ["Grüne-Wiese.Example.", "xn--grne-wiese-beb.example"],
    ["xn--grne-wiese-beb.example", "xn--grne-wiese-beb.example"],
    ["ALPENBLICK.example", "alpenblick.example"],
    ["", ""],
    ["bad domain.example", ""],
    // Lookalikes: a Cyrillic "а" inside a Latin label, also when sent as punycode; whole-script labels stay.
    ["p\u0430ypal.example", ""],
    ["citywerk.ex\u0430mple", ""],
    [new URL("http://p\u0430ypal.example").hostname, ""],
    ["\u043f\u0440\u0438\u043c\u0435\u0440.example", "xn--e1afmkfd.example"],
    ["\u03b1\u03b8\u03ae\u03bd\u03b1.example", "xn--jxafb0a0a.example"],
  ])("domain %j → %j", (input, expected) => expect(canonicalDomain(input)).toBe(expected));

  it.each([
    ["Post@Grüne-Wiese.example", "post@xn--grne-wiese-beb.example"],
    [" Info@Alpenblick.Example. ", "info@alpenblick.example"],
    ["no-at-sign", ""],
    ["@alpenblick.example", ""],
  ])("address %j → %j", (input, expected) => expect(canonicalAddress(input)).toBe(expected));

  it("shows punycode as Unicode", () => {
    expect(displayDomain("xn--grne-wiese-beb.example")).toBe("grüne-wiese.example");
    expect(displayAddress("post@xn--grne-wiese-beb.example")).toBe("post@grüne-wiese.example");
  });

  it.each([
    ["K10001", "K10001"],
    ["k10001", "K10001"],
    [" k20001 ", "K20001"],
    ["k10001.001", null],
    ["kunde", null],
  ])("customer number %j → %j", (input, expected) => expect(canonicalCustomerNumber(input)).toBe(expected));
});
