import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n/load-messages";

const de = loadMessages("de");
const en = loadMessages("en");
const it_ = loadMessages("it");

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ""): Record<string, string> =>
  Object.entries(tree).reduce<Record<string, string>>((acc, [k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    return typeof v === "string" ? { ...acc, [key]: v } : { ...acc, ...flatten(v, key) };
  }, {});

const german = flatten(de);

describe("translations", () => {
  it.each([
    ["en", en],
    ["it", it_],
  ] as const)("%s has exactly the German keys, none empty", (_name, messages) => {
    const other = flatten(messages);
    expect(Object.keys(other).sort()).toEqual(Object.keys(german).sort());
    for (const [key, value] of Object.entries(other)) expect(value.trim(), key).not.toBe("");
  });

  it("keeps the labels users know from the help pages", () => {
    expect(german["login.identifier"]).toBe("E-Mail-Adresse");
    expect(german["login.area"]).toBe("Loginbereich");
    expect(german["login.areaKsc"]).toBe("KundenServiceCenter");
    expect(german["login.areaMailadmin"]).toBe("E-Mail-Administration");
    expect(german["login.areaMailbox"]).toBe("einzelne Mailbox");
    expect(german["login.submit"]).toBe("Anmelden");
    expect(german["login.forgot"]).toBe("Passwort vergessen?");
    expect(german["common.logout"]).toBe("Abmelden");
  });
});
