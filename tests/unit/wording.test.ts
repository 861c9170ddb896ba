import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n/load-messages";
import { LOCALES } from "@/lib/i18n/locales";

/** Wording rules of issue 25 that hold for the whole catalogue, not for one page. */
type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ""): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`),
  );

const catalogue = Object.fromEntries(LOCALES.map((l) => [l, flatten(loadMessages(l))])) as Record<
  (typeof LOCALES)[number],
  [string, string][]
>;

// Informal address in Italian: the "tu" pronouns and possessives and the second person of common
// verbs anywhere; "tu" imperatives only where they open a sentence (text ending in . ! ?). Button and
// link labels ("Salva", "Gestisci pacchetto") are left alone: Italian interfaces word commands that
// way whatever the register.
const INFORMAL_WORDS = /\b(tu|tuo|tua|tuoi|tue|ti|te|hai|sei|puoi|devi|vuoi|potrai|dovrai|riceverai)\b/i;
const INFORMAL_ANYWHERE = /\b(gestisci|inserisci|scegli|accedi|esci)\b/i;
const INFORMAL_OPENING =
  /^(Controlla|Conferma|Usa|Lascia|Seleziona|Prova|Riprova|Clicca|Fai|Indica|Scrivi|Attendi|Inserisci|Scegli|Accedi|Esci)\b/;
/** Sentences of a text, with quoted labels ("Gestisci pacchetto") taken out; labels are not sentences. */
const sentences = (text: string) =>
  /[.!?]$/.test(text.trim())
    ? text
        .replace(/"[^"]*"|„[^“]*“|“[^”]*”/g, "…")
        .split(/(?<=[.!?])\s+/)
        .filter((s) => s.split(/\s+/).length > 2)
    : [];
const informal = (text: string) =>
  INFORMAL_WORDS.test(text) || sentences(text).some((s) => INFORMAL_ANYWHERE.test(s) || INFORMAL_OPENING.test(s));

describe("wording", () => {
  it.each(LOCALES)("%s writes Plesk, never PLESK", (locale) => {
    expect(catalogue[locale].filter(([, v]) => /PLESK/.test(v)).map(([k]) => k)).toEqual([]);
  });

  it("Italian addresses the user formally (Lei) throughout", () => {
    const found = catalogue.it.filter(([, v]) => informal(v));
    expect(found).toEqual([]);
  });

  it("the sidebar entry and the page use the name of the help pages: Passwort ändern (seed 002), Cambia password (seed 004)", () => {
    const de = Object.fromEntries(catalogue.de);
    const it_ = Object.fromEntries(catalogue.it);
    expect(de["nav.password"]).toBe("Passwort ändern");
    expect(it_["nav.password"]).toBe("Cambia password");
  });

  it.each(LOCALES)("%s: a mail account says where it is used, naming the login areas as the login page does (point 7)", (locale) => {
    const m = Object.fromEntries(catalogue[locale]);
    const use = m["mailAdmin.accountUse"];
    for (const area of ["login.areaKsc", "login.areaMailadmin", "login.areaMailbox"]) expect(use, area).toContain(m[area]);
    expect(use).toMatch(/IMAP/);
    expect(use).toMatch(/SMTP/);
    expect(use).toMatch(/Webmail/i);
    expect(m["mailAdmin.accountCreated"]).toMatch(/Webmail/i);
  });

  it("Italian writes the polite forms one way: lower case inside a sentence (sua, suo, lei), as most texts do", () => {
    const capitalised = /(?<=[\p{Ll},] |\bI )(Sua|Suo|Suoi|Sue|Lei|Le)\b/u;
    expect(catalogue.it.filter(([, v]) => capitalised.test(v)).map(([k]) => k)).toEqual([]);
    // Kontor's Roundcube plugin speaks to the same users.
    const plugin = fs.readFileSync("roundcube/plugins/kontor/localization/it_IT.inc", "utf8");
    expect(plugin.split("\n").filter((line) => capitalised.test(line))).toEqual([]);
  });

  it("one word for the package a customer ordered: English plan (not tariff), Italian tariffa (not piano)", () => {
    expect(catalogue.en.filter(([, v]) => /\btariffs?\b/i.test(v)).map(([k]) => k)).toEqual([]);
    expect(catalogue.it.filter(([, v]) => /\bpian[oi]\b/i.test(v)).map(([k]) => k)).toEqual([]);
  });

  it.each([
    ["de", "de_DE"],
    ["en", "en_US"],
    ["it", "it_IT"],
  ] as const)("%s: Roundcube's links to Kontor name each page as Kontor's menu and heading do (point 14)", (locale, file) => {
    const m = Object.fromEntries(catalogue[locale]);
    const inc = fs.readFileSync(`roundcube/plugins/kontor/localization/${file}.inc`, "utf8");
    const label = (name: string) => /= '((?:[^'\\]|\\.)*)'/.exec(inc.split("\n").find((l) => l.includes(`['${name}']`)) ?? "")?.[1];
    expect({
      forwards: label("link_forwards"),
      spam: label("link_spam"),
      autoresponder: label("link_autoresponder"),
      senders: label("link_senders"),
      setup: label("link_setup"),
    }).toEqual({
      forwards: m["nav.forwards"],
      spam: m["nav.spam"],
      autoresponder: m["nav.autoresponder"],
      senders: m["nav.senderLists"],
      setup: m["clientSetup.title"],
    });
  });

  it.each(LOCALES)("%s: the mailbox start page's shortcuts name each page as the menu does (point 15)", (locale) => {
    const m = Object.fromEntries(catalogue[locale]);
    const pairs = {
      password: "password",
      forwards: "forwards",
      senders: "senderLists",
      spam: "spam",
      autoresponder: "autoresponder",
      server: "serverAddresses",
    };
    const shortcut = Object.fromEntries(Object.keys(pairs).map((k) => [k, m[`mailboxSettings.start.${k}`]]));
    const menu = Object.fromEntries(Object.entries(pairs).map(([k, nav]) => [k, m[`nav.${nav}`]]));
    expect(shortcut).toEqual(menu);
  });
});
