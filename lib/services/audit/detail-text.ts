import { AUDIT_CODED_DETAILS } from "./detail-keys";

type Translate = { (key: string): string; has: (key: string) => boolean };

/** Words the caller brings from other namespaces: yes and no, and a login area's name. */
export type DetailWords = { yes: string; no: string; area: (value: unknown) => string | null };

const coded = new Set<string>(AUDIT_CODED_DETAILS);

/**
 * An audit entry's details as lines people read, in the reader's language: "Speicherplatz (MB): 500",
 * "Kopie behalten: ja", "über Webmail". `t` reads the "audit" texts. Every key Kontor writes has its
 * label (tests/unit/audit-detail-texts.test.ts); a key written by an older version shows as stored.
 */
export function auditDetailTexts(t: Translate, details: Record<string, unknown> | null, words: DetailWords): string[] {
  return Object.entries(details ?? {}).map(([key, value]) => {
    if (key === "via" && typeof value === "string" && t.has(`via.${value}`)) return t(`via.${value}`);
    return `${t.has(`detailKeys.${key}`) ? t(`detailKeys.${key}`) : key}: ${valueText(t, key, value, words)}`;
  });
}

function valueText(t: Translate, key: string, value: unknown, words: DetailWords): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? words.yes : words.no;
  const stored = typeof value === "string" ? value : typeof value === "number" ? String(value) : JSON.stringify(value);
  if (key === "area") return words.area(value) ?? stored;
  if (coded.has(key) && t.has(`detailValues.${stored}`)) return t(`detailValues.${stored}`);
  return stored;
}
