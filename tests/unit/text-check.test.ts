import { describe, expect, it } from "vitest";
import { textProblems } from "../e2e/support/text-check";

/** The browser walk's checker (tests/e2e/text-walk.test.ts) must be able to fail. */
describe("textProblems", () => {
  it("finds raw keys, undefined, [object …] and English left on a German or Italian page", () => {
    const page = "Mailbox-Größe\npanel.errors.quotaTooLarge\nHallo undefined, [object Object]\nYour plan allows at most 2048 MB.";
    const de = textProblems(page, "de");
    expect(de).toContain('raw key "panel.errors.quotaTooLarge"');
    expect(de).toContain('"undefined"');
    expect(de).toContain('"[object Object]"');
    expect(de).toContain('English "Your plan allows at most"');
    expect(textProblems(page, "it")).toContain('English "Your plan allows at most"');
    // English on an English page is right; addresses and domains are not keys.
    expect(textProblems("Your plan allows at most 2048 MB. info@alpenblick.example k10001.002", "en")).toEqual([]);
  });
});
