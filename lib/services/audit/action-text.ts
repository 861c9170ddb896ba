import { auditActionKey } from "./actions";

type Translate = { (key: string): string; has: (key: string) => boolean };

/**
 * What an audit entry did, as a phrase in the reader's language. `t` reads the "audit" texts. Every
 * code Kontor writes has one (tests/unit/audit-action-texts.test.ts); an entry written by an older
 * version under a code since retired shows its code rather than nothing.
 */
export function auditActionText(t: Translate, action: string): string {
  const key = auditActionKey(action);
  return t.has(key) ? t(key) : action;
}
