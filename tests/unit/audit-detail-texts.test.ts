/**
 * Issue 25: audit details other than the login area and the "via" showed as `key=value`. Every key
 * writeAudit accepts has a label in German, English and Italian, codes from fixed lists (a ticket's
 * status, a factor's kind) read as words, and a key outside the list cannot be written.
 */
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { PANEL_KINDS } from "@/db/schema/packages";
import { MFA_FACTOR_KINDS } from "@/db/schema/mfa";
import { SENDER_RULE_KINDS, SPAM_ACTIONS } from "@/db/schema/mail-settings";
import { TICKET_CATEGORIES, TICKET_STATUSES } from "@/db/schema/tickets";
import { loadMessages, type Messages } from "@/lib/i18n/load-messages";
import { LOCALES } from "@/lib/i18n/locales";
import { AUDIT_DETAIL_KEYS, AUDIT_VIA, type AuditDetails } from "@/lib/services/audit/detail-keys";
import { auditDetailTexts } from "@/lib/services/audit/detail-text";
import { writeAudit } from "@/lib/services/audit/write-audit";
import { anAdmin, emptyDb } from "../support/factories";

const leaf = (messages: Messages, key: string): unknown =>
  key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Messages)[part] : undefined), messages);
const words = { yes: "ja", no: "nein", area: (v: unknown) => (v === "ksc" ? "KundenServiceCenter" : null) };
const CODED_VALUES = [...TICKET_STATUSES, ...TICKET_CATEGORIES, ...SENDER_RULE_KINDS, ...MFA_FACTOR_KINDS, ...SPAM_ACTIONS, ...PANEL_KINDS];

describe("audit detail labels", () => {
  it.each(LOCALES)("%s: every listed key, way and coded value has its words, and no label is left without a key", (locale) => {
    const messages = loadMessages(locale);
    const missing = [
      ...AUDIT_DETAIL_KEYS.filter((key) => typeof leaf(messages, `audit.detailKeys.${key}`) !== "string"),
      ...AUDIT_VIA.filter((via) => typeof leaf(messages, `audit.via.${via}`) !== "string").map((via) => `via ${via}`),
      ...CODED_VALUES.filter((value) => typeof leaf(messages, `audit.detailValues.${value}`) !== "string").map((v) => `value ${v}`),
    ];
    expect(missing).toEqual([]);
    const labelled = Object.keys(leaf(messages, "audit.detailKeys") as Messages);
    expect(labelled.filter((key) => !(AUDIT_DETAIL_KEYS as readonly string[]).includes(key))).toEqual([]);
  });

  it("shows details as words, not key=value", () => {
    const t = createTranslator({ locale: "de", messages: loadMessages("de"), namespace: "audit" });
    const details: AuditDetails = { quotaMb: 500, keepCopy: true, via: "webmail", status: "closed", area: "ksc", ticketId: null };
    expect(auditDetailTexts(t, details, words)).toEqual([
      "Speicherplatz (MB): 500",
      "Kopie behalten: ja",
      "über Webmail",
      "Status: geschlossen",
      "Loginbereich: KundenServiceCenter",
      "Ticket-Nr.: —",
    ]);
    const it = createTranslator({ locale: "it", messages: loadMessages("it"), namespace: "audit" });
    expect(auditDetailTexts(it, { kind: "block", pattern: "spam@example.org" }, words)).toEqual([
      "Tipo: Blacklist",
      "Mittente: spam@example.org",
    ]);
    // A key from an older version shows as stored; a name that happens to be a code stays a name.
    expect(auditDetailTexts(t, { retired: 1, previousName: "closed" }, words)).toEqual(["retired: 1", "Früherer Name: closed"]);
  });

  it("refuses to write a key that is not listed (and so has no label)", async () => {
    const { db } = await emptyDb();
    const admin = await anAdmin(db);
    const details = { quotaMb: 1, secret: "x" } as AuditDetails;
    await expect(writeAudit(db, admin, { action: "settings.server", details })).rejects.toThrow(/secret/);
  });
});
