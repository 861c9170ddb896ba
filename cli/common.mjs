// What every command of `kontor` shares: texts, usage errors, output format, the API client, and
// reads and changes guarded by If-Match.
import { ApiError, createClient } from "./client.mjs";
import { readConfig } from "./config.mjs";
import { cliLanguage, texts } from "./messages.mjs";

export const T = texts();

export class UsageError extends Error {}

export function format(values) {
  return values.json ? "json" : values.csv ? "csv" : "table";
}

export function need(value, name) {
  if (!value) throw new UsageError(T.missingArg(name));
  return value;
}

export function client() {
  const { url, key } = readConfig();
  if (!url || !key) {
    const e = new ApiError(401, { title: T.notLoggedIn });
    e.local = true;
    throw e;
  }
  return createClient({ url, key, lang: cliLanguage() });
}

/**
 * Reads a record and changes it with the ETag of that read (If-Match), so a change someone else made
 * in between is refused (412, exit code 6) instead of overwritten. `body` may be a function of the
 * record read (forwarding keeps its copy switch unless told).
 */
export async function changeRecord(api, { read, change, params, query, body }) {
  const current = await api.call(read, { params, query });
  const payload = typeof body === "function" ? body(current.json) : body;
  return await api.call(change, { params, body: payload, headers: { "if-match": current.headers.get("etag") } });
}

/** Deletes a record read just before, with its ETag (If-Match). */
export async function deleteRecord(api, { read, remove, params }) {
  const current = await api.call(read, { params });
  await api.call(remove, { params, headers: { "if-match": current.headers.get("etag") } });
}

/** Only the options given: an update changes nothing else. */
export function given(values, names) {
  return Object.fromEntries(
    Object.entries(names).flatMap(([option, field]) => (values[option] === undefined ? [] : [[field, values[option]]])),
  );
}

/** "--spam yes|no" as a boolean; undefined when not given. */
export function yesNo(values, option) {
  const v = values[option];
  if (v === undefined) return undefined;
  if (/^(yes|ja|on|true)$/i.test(v)) return true;
  if (/^(no|nein|off|false)$/i.test(v)) return false;
  throw new UsageError(T.badChoice(`--${option}`, v, "yes|no"));
}

/** A package limit: a whole number, or "unlimited" (null); undefined when not given. */
export function limit(values, option) {
  const v = values[option];
  if (v === undefined) return undefined;
  if (/^(unlimited|unbegrenzt)$/i.test(v)) return null;
  if (!/^\d+$/.test(v)) throw new UsageError(T.badNumber(`--${option}`, v));
  return Number(v);
}
