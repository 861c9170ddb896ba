import type { Locale } from "./locales";

/**
 * How a calendar day is written and read in the date fields (components/form/date-field.tsx): day
 * first everywhere, "31.12.2026" in German, "31/12/2026" in English and Italian. Kontor's English is
 * read in Europe; a slash always means day/month/year, so the server reads a typed day without
 * knowing the page's language (lib/validation/day.ts). Client-safe: no zod, no server modules.
 */
const SEPARATOR: Record<Locale, string> = { de: ".", en: "/", it: "/" };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-12-31` as the language writes it; anything else (what the user typed) stays as it is. */
export function formatDay(value: string, locale: Locale): string {
  const m = ISO_DAY.exec(value);
  if (!m) return value;
  const sep = SEPARATOR[locale];
  return `${m[3]}${sep}${m[2]}${sep}${m[1]}`;
}

/**
 * Reading a typed day: German "31.12.2026", English and Italian "31/12/2026", two-digit years as
 * 20yy, and ISO "2026-12-31" (API calls, imports, links made before). Day first whatever the
 * separator, so the same text means the same day in every language. The result is ISO.
 */
const ISO_TYPED = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_FIRST = /^(\d{1,2})\s*([./])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$/;

function partsOf(text: string): [year: number, month: number, day: number] | null {
  const iso = ISO_TYPED.exec(text);
  if (iso) return [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const m = DAY_FIRST.exec(text);
  if (!m) return null;
  return [m[4].length === 2 ? 2000 + Number(m[4]) : Number(m[4]), Number(m[3]), Number(m[1])];
}

/** The ISO day a typed text names, or null when it names none. */
export function parseDay(text: string): string | null {
  const parts = partsOf(text.trim());
  if (!parts) return null;
  const [year, month, day] = parts;
  // Day 0 of the next month is the last day of this one: no 31 April, 29 February only in leap years.
  const exists = year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!exists) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
