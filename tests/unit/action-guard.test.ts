import { describe, expect, it } from "vitest";
import { isDecodablePlainReply } from "@/lib/security/action-guard.mjs";

// The production server reads a fetch action's text/plain body before Next does and refuses what
// React's decodeReply would throw on (a 500 otherwise); tests/e2e/action-refusals.test.ts sends them.
describe("text/plain action bodies", () => {
  it("lets through one JSON row with the escapes that need no other row", () => {
    expect(isDecodablePlainReply("[]")).toBe(true);
    expect(isDecodablePlainReply('[{"status":"idle"},"$undefined"]')).toBe(true);
    expect(isDecodablePlainReply('["$$dollar","$NaN","$-0","$D2026-12-04T00:00:00.000Z","$n12"]')).toBe(true);
  });

  it("refuses text that is no JSON and references to parts a plain body cannot have", () => {
    expect(isDecodablePlainReply("")).toBe(false);
    expect(isDecodablePlainReply("garbage")).toBe(false);
    expect(isDecodablePlainReply('[{"status":"idle"},"$K1"]')).toBe(false);
    expect(isDecodablePlainReply('{"deep":[{"x":"$@2"}]}')).toBe(false);
    expect(isDecodablePlainReply('"$Q0"')).toBe(false);
  });
});
