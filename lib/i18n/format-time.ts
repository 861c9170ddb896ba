import { timeZone } from "@/lib/config";
import type { Locale } from "./locales";

/**
 * The one way a time is shown to a user (pages, mails, audit log, tickets): in the hoster's zone
 * (KONTOR_TIME_ZONE, default Europe/Berlin), never the server's, and in the reader's language.
 * Pages get it for the request's language from getTimeFormatter (lib/i18n/time-formatter.ts).
 */
const STYLES = {
  /** "15.01.2026, 13:00": lists, tickets, records. */
  dateTime: { dateStyle: "medium", timeStyle: "short" },
  /** "15.01.26, 13:00:05": the audit log and the demo's mail list, where seconds tell events apart. */
  dateTimeSeconds: { dateStyle: "short", timeStyle: "medium" },
  /** "13:00": a time later today. */
  time: { hour: "2-digit", minute: "2-digit" },
  /** "15.01.2026, 13:00 MEZ": mails, read wherever the reader is. */
  dateTimeZone: { dateStyle: "medium", timeStyle: "short" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type TimeStyle = keyof typeof STYLES;

/**
 * Kontor's English is read in Europe, as its date fields say (lib/i18n/day-format.ts): British
 * English writes the day first and the time in 24 hours ("15 Jan 2026, 13:00", "15/01/2026"), so a
 * slash never means month/day in one place and day/month in another.
 */
const INTL_LOCALE: Record<Locale, string> = { de: "de-DE", en: "en-GB", it: "it-IT" };

// Building an Intl.DateTimeFormat costs far more than using one; pages format many rows.
const formats = new Map<string, Intl.DateTimeFormat>();

export function formatTime(at: Date, locale: Locale, style: TimeStyle = "dateTime"): string {
  const zone = timeZone();
  const key = `${locale}\0${style}\0${zone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...STYLES[style], timeZone: zone });
    formats.set(key, format);
  }
  const text = format.format(at);
  return style === "dateTimeZone" ? `${text} ${zoneName(at, locale, zone)}` : text;
}

/** The zone's short name at that instant ("MEZ", "CEST"); dateStyle and timeZoneName cannot be combined. */
function zoneName(at: Date, locale: Locale, zone: string): string {
  const key = `${locale}\0name\0${zone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: zone, timeZoneName: "short" });
    formats.set(key, format);
  }
  return format.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? zone;
}

/** Times for machines (API answers): ISO 8601 in UTC, which every client parses without knowing our zone. */
export function machineTime(at: Date): string {
  return at.toISOString();
}

/**
 * The last millisecond of a calendar day (YYYY-MM-DD) in the hoster's zone: a key "valid until 31.12."
 * works all of that day there, whatever the server's own zone.
 */
export function endOfDayInZone(isoDay: string, zone = timeZone()): Date {
  const [y, m, d] = isoDay.split("-").map(Number);
  const guess = Date.UTC(y, m - 1, d, 23, 59, 59, 999);
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(guess));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"), 999);
  return new Date(guess - (asUtc - guess));
}
