import { loadMessages, type Messages } from "@/lib/i18n/load-messages";
import type { Locale } from "@/lib/i18n/locales";

/** Every leaf of a catalogue as "a.b.c" → text. */
function flatten(messages: Messages, prefix = "", out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else flatten(value, path, out);
  }
  return out;
}

const catalogues = new Map<Locale, Map<string, string>>();
function catalogue(locale: Locale) {
  let c = catalogues.get(locale);
  if (!c) catalogues.set(locale, (c = flatten(loadMessages(locale))));
  return c;
}

/** Keys and their parent paths ("panel.errors"): a raw key on a page is one of these. */
function keyPaths(): Set<string> {
  const paths = new Set<string>();
  for (const key of catalogue("de").keys()) {
    const parts = key.split(".");
    for (let i = 2; i <= parts.length; i++) paths.add(parts.slice(0, i).join("."));
  }
  return paths;
}

/**
 * The fixed wording of an English text, without its placeholders: the longest piece between them,
 * if it is a phrase (three words or more) that a German or Italian page would not show otherwise.
 */
function phrase(text: string): string | null {
  if (/\{[^}]*,\s*(plural|select)/.test(text)) return null;
  const pieces = text
    .split(/\{[^}]*\}|<[^>]*>/)
    .map((p) => p.trim())
    .sort((a, b) => b.length - a.length);
  const best = pieces[0] ?? "";
  return best.split(/\s+/).length >= 3 && best.length >= 15 ? best : null;
}

const leftovers = new Map<Locale, string[]>();

/** English phrases of the catalogue whose key has a different text in `locale`. */
function englishLeftovers(locale: Locale): string[] {
  const cached = leftovers.get(locale);
  if (cached) return cached;
  const en = catalogue("en");
  const other = catalogue(locale);
  const out: string[] = [];
  for (const [key, text] of en) {
    const translated = other.get(key);
    if (translated === undefined || translated === text) continue;
    const p = phrase(text);
    if (p && !translated.includes(p)) out.push(p);
  }
  leftovers.set(locale, out);
  return out;
}

/**
 * What a visitor must never read: a raw catalogue key, "undefined", "[object …]", "NaN", and on a
 * German or Italian page an English sentence that the catalogue has translated.
 */
let paths: Set<string> | undefined;

export function textProblems(text: string, locale: Locale): string[] {
  const problems: string[] = [];
  paths ??= keyPaths();
  for (const token of text.match(/[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+/g) ?? []) {
    if (paths.has(token)) problems.push(`raw key "${token}"`);
  }
  for (const bad of text.match(/\bundefined\b|\[object [A-Za-z]+\]|\bNaN\b/g) ?? []) problems.push(`"${bad}"`);
  if (locale !== "en") {
    for (const p of englishLeftovers(locale)) if (text.includes(p)) problems.push(`English "${p}"`);
  }
  return [...new Set(problems)];
}
