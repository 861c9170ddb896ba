/**
 * Issue 25: the audit log showed raw codes (`import.apply`, `password.hash_upgraded`) to every role.
 * Every action code Kontor writes has a phrase in German, English and Italian, and the log shows that
 * phrase. The codes come from two sides: the typed list writeAudit accepts, and a scan of the
 * services for the literals they pass, so a code written around the list is caught here too.
 */
import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { loadMessages, type Messages } from "@/lib/i18n/load-messages";
import { LOCALES } from "@/lib/i18n/locales";
import { auditActionText } from "@/lib/services/audit/action-text";
import { AUDIT_ACTIONS } from "@/lib/services/audit/actions";

const CODE = /^[a-z_]+(\.[a-z_]+)+$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

/** Literals on `action:` lines, and the action argument of the small audit helpers, in files that audit. */
function writtenCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of sourceFiles(path.join(process.cwd(), "lib"))) {
    const text = fs.readFileSync(file, "utf8");
    if (file.endsWith(path.join("audit", "actions.ts")) || !/writeAudit|AuditAction/.test(text)) continue;
    for (const line of text.split("\n")) {
      const helperCall = /\b(audit|save)\(/.test(line);
      if (!/\baction:/.test(line) && !helperCall) continue;
      for (const [, literal] of line.matchAll(/"([^"]+)"/g)) if (literal && CODE.test(literal)) codes.add(literal);
    }
  }
  return codes;
}

const leaf = (messages: Messages, key: string): unknown =>
  key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Messages)[part] : undefined), messages);

describe("audit action phrases", () => {
  it("finds the codes the services write, and each is in the typed list", () => {
    const written = writtenCodes();
    // The scan must see the services at all, or the comparison below proves nothing.
    for (const known of ["import.apply", "password.hash_upgraded", "mfa.factor_added", "mailbox.autoresponder.self"]) {
      expect(written).toContain(known);
    }
    const listed = new Set<string>(AUDIT_ACTIONS);
    expect([...written].filter((code) => !listed.has(code))).toEqual([]);
  });

  it.each(LOCALES)("%s: every listed code has its own phrase, and no phrase is left without a code", (locale) => {
    const messages = loadMessages(locale);
    const missing = AUDIT_ACTIONS.filter((code) => typeof leaf(messages, `audit.actions.${code}`) !== "string");
    expect(missing).toEqual([]);

    const t = createTranslator({ locale, messages, namespace: "audit" });
    for (const code of AUDIT_ACTIONS) {
      const phrase = auditActionText(t, code);
      expect(phrase).not.toBe(code);
      expect(phrase).not.toMatch(/[._]/);
    }

    const stale: string[] = [];
    const walk = (node: unknown, prefix: string) => {
      if (typeof node === "string") stale.push(prefix);
      else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    };
    walk(leaf(messages, "audit.actions"), "");
    expect(stale.filter((code) => !(AUDIT_ACTIONS as readonly string[]).includes(code))).toEqual([]);
  });

  it("an entry under a retired code shows the code instead of nothing", () => {
    const t = createTranslator({ locale: "de", messages: loadMessages("de"), namespace: "audit" });
    expect(auditActionText(t, "old.retired_code")).toBe("old.retired_code");
    expect(auditActionText(t, "import.apply")).toBe("Import übernommen");
  });
});
