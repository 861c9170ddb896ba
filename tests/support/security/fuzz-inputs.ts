import fc from "fast-check";
import { MASS_ASSIGNMENT_FIELDS } from "./action-matrix";
import type { Fields } from "./harness";
import type { World } from "./world";

/**
 * fast-check arbitraries for server-action forms (SECURITY.md IV-01): each field of a normal input is
 * kept, dropped, repeated or replaced by hostile text, numbers out of range or the other tenant's ids;
 * extra fields are added. Inputs stay close to valid ones so that many of them reach the services.
 */

const HUGE = ["x".repeat(65_536), "ä".repeat(1_048_576)];
const NUMBERS = [
  "-1",
  "0",
  "1.5",
  "1e308",
  "-1e308",
  "9007199254740993",
  "NaN",
  "Infinity",
  "0x10",
  " 7 ",
  "-0",
  "1_000",
  "08",
  "2147483648",
];
const HOSTILE = [
  "",
  " ",
  "\u0000",
  "\r\nBcc: dieb@example.org",
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "|/bin/sh",
  ":include:/etc/passwd",
  "$(id)",
  "`id`",
  "%00",
  "{{7*7}}",
  "${7*7}",
  "\u202e",
  "\ud83d\ude00".repeat(20),
  "postmaster@citywerk.example",
  "INFO@CITYWERK.EXAMPLE.",
  "xn--grne-wiese-beb.example",
  "grüne-wiese.example",
  "@",
  "a@b",
  "on",
  "yes",
  "true",
];
const EXTRA_KEYS = [...MASS_ASSIGNMENT_FIELDS, "__proto__", "constructor", "prototype", "$ACTION_ID_0", "toString", "hasOwnProperty"];

/** Values of tenant A's ids, the ones an attacker would try. */
const foreignIds = (w: World) =>
  Object.values(w.a)
    .filter((v): v is number => typeof v === "number")
    .map(String);

function hostileArb(w: World): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
    { weight: 2, arbitrary: fc.constantFrom(...foreignIds(w)) },
    { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
  );
}

/**
 * One field of an n-field form: about one field per form is changed (dropped, replaced, or repeated,
 * i.e. parameter pollution), so most inputs get past some checks and reach the services.
 */
function fieldArb(base: string, w: World, n: number): fc.Arbitrary<string[]> {
  return fc.oneof(
    { weight: 3 * n, arbitrary: fc.constant<string[]>([base]) },
    { weight: 1, arbitrary: fc.constant<string[]>([]) },
    { weight: 3, arbitrary: hostileArb(w).map((v) => [v]) },
    { weight: 1, arbitrary: fc.array(fc.oneof(fc.constant(base), hostileArb(w)), { minLength: 2, maxLength: 3 }) },
  );
}

/** FormData entries derived from a normal input; an array so that key order and repeats survive shrinking. */
export function formArb(base: Fields, w: World): fc.Arbitrary<[string, string][]> {
  const keys = Object.keys(base);
  const known = fc.tuple(...keys.map((k) => fieldArb([base[k]].flat()[0] ?? "", w, keys.length)));
  const extra = fc.tuple(fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 12 })), hostileArb(w));
  const extras = fc.oneof(
    { weight: 4, arbitrary: fc.constant([] as [string, string][]) },
    { weight: 1, arbitrary: fc.array(extra, { minLength: 1, maxLength: 2 }) },
  );
  return fc
    .tuple(keys.length ? known : fc.constant([] as string[][]), extras)
    .map(([values, extra]) => [...keys.flatMap((k, i) => (values[i] ?? []).map((v) => [k, v] as [string, string])), ...extra]);
}

export function toFormData(entries: [string, string][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

/** A short, printable description of an input for failure messages (huge values abbreviated). */
export function describeEntries(entries: [string, string][]): string {
  return JSON.stringify(entries.map(([k, v]) => [k, v.length > 80 ? `${v.slice(0, 20)}…(${v.length} chars)` : v]));
}
