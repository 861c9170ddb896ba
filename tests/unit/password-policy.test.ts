import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password-hash";
import { commonPasswordCount, isCommonPassword } from "@/lib/password/common-passwords";
import { generatePassword } from "@/lib/password/generate";
import { commonPasswordList } from "@/lib/password/common-passwords";
import { assessPassword, checkPasswordRules, codePoints, estimateStrength, MIN_STRENGTH } from "@/lib/password/policy";
import { validateNewPassword } from "@/lib/password/validate-new-password";

const off = { requireClasses: false };
const ctx = { names: ["max.mustermann@citywerk.example"] };

describe("password policy", () => {
  it.each([
    ["14 code points", "abcdefghijklmn", ["tooShort"]],
    ["15 distinct letters", "qjxvbnwlrtzdkfh", []],
    ["emoji count once (14 emoji + 0)", "🌻🌼🌷🌹🌺🍀🌵🌴🌲🌳🍁🍂🍃🌾", ["tooShort"]],
    ["15 emoji", "🌻🌼🌷🌹🌺🍀🌵🌴🌲🌳🍁🍂🍃🌾🌿", []],
    ["contains the local part", "Mustermann-Tulpe-Regen-9", ["containsName"]],
    ["contains the domain label", "citywerk-Blau-Haus-Tor-4", ["containsName"]],
    ["repeated characters", "aaaaaaaaaaaaaaaaaaaa", ["tooWeak"]],
  ])("%s", (_name, password, expected) => {
    expect(checkPasswordRules(password, ctx, off)).toEqual(expected);
  });

  it.each([
    "Tab\tin der Passphrase 42",
    "Zeilen\numbruch im Passwort 42",
    "Wagen\rruecklauf im Passwort",
    "Null\u0000byte im Passwort 42",
    "Steuer\u0085zeichen im Passwort",
  ])("refuses control characters (%j), which mail clients cannot send", (password) =>
    expect(checkPasswordRules(password, { names: [] }, off)).toContain("controlCharacter"),
  );

  it("refuses what a mail program could not send over SMTP AUTH PLAIN: more than 480 bytes", () => {
    expect(checkPasswordRules("Wald-Fluss-Berg-".repeat(30), { names: [] }, off)).toEqual([]);
    expect(checkPasswordRules("Wald-Fluss-Berg-".repeat(30) + "x", { names: [] }, off)).toContain("tooLong");
    expect(checkPasswordRules("Grüße-aus-Köln-".repeat(30), { names: [] }, off)).toContain("tooLong");
  });

  it("counts code points, not UTF-16 units", () => {
    expect(codePoints("🌻")).toBe(1);
    expect("🌻".length).toBe(2);
  });

  it("accepts long passphrases without truncation", async () => {
    const long = "Wald-Fluss-Berg-Tal-".repeat(10) + "Ende";
    expect(codePoints(long)).toBeGreaterThan(128);
    expect(validateNewPassword(long, { names: [] }, off)).toEqual([]);
    const longer = long + "X";
    const hash = await hashPassword(long);
    expect(await verifyPassword(hash, longer)).toBe(false);
    expect(await verifyPassword(hash, long)).toBe(true);
    expect(validateNewPassword(longer, { names: [], currentPassword: long }, off)).toEqual([]);
    expect(validateNewPassword(long, { names: [], currentPassword: long }, off)).toEqual(["password.errors.sameAsCurrent"]);
  });

  it("requires character classes only when the admin switched it on", () => {
    expect(checkPasswordRules("gelbe tulpen im regen", { names: [] }, off)).toEqual([]);
    expect(checkPasswordRules("gelbe tulpen im regen", { names: [] }, { requireClasses: true })).toEqual(["missingClasses"]);
  });

  it("ships at least 10,000 common passwords and refuses them", async () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
    expect(isCommonPassword("Password")).toBe(true);
    expect(isCommonPassword("passwordpassword")).toBe(true);
    expect(isCommonPassword("dragondragondragon")).toBe(true);
    expect(isCommonPassword("Tulpe-Regen-Wolke-Stein")).toBe(false);
    expect(validateNewPassword("1234567890123456789", { names: [] }, off)).toContain("password.errors.common");
  });

  it("rates in five levels", () => {
    expect(estimateStrength("")).toBe(0);
    expect(estimateStrength("abc")).toBeLessThanOrEqual(1);
    expect(estimateStrength("Tulpe-Regen-Wolke-Stein-7")).toBeGreaterThanOrEqual(3);
  });

  it("generates passwords that pass every option", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const pw = generatePassword();
      seen.add(pw);
      expect(checkPasswordRules(pw, { names: [] }, { requireClasses: true })).toEqual([]);
    }
    expect(seen.size).toBe(50);
  });

  it("gives the meter the server's verdict: a refused password never shows as acceptable (issue 25.9)", async () => {
    const list = commonPasswordList();
    for (const refused of ["passwortpasswort", "Passwortpasswort2024!", "mustermann-citywerk-blau", "kurz"]) {
      const verdict = assessPassword(refused, ctx, off, list);
      expect(verdict.errors.length, refused).toBeGreaterThan(0);
      expect(verdict.level, refused).toBeLessThan(MIN_STRENGTH);
      expect(validateNewPassword(refused, ctx, off), refused).toEqual(verdict.errors.map((e) => `password.errors.${e}`));
    }
    expect(assessPassword("passwortpasswort", { names: [] }, off, list).errors).toEqual(["common"]);
    const accepted = assessPassword("Heckenrose-Zaunkoenig-8", ctx, off, list);
    expect(accepted).toEqual({ errors: [], level: estimateStrength("Heckenrose-Zaunkoenig-8", ctx) });
    expect(accepted.level).toBeGreaterThanOrEqual(MIN_STRENGTH);
    // The admin's option counts in the meter as on the server.
    expect(assessPassword("heckenrose zaunkoenig acht", ctx, { requireClasses: true }, list).errors).toEqual(["missingClasses"]);
  });
});
