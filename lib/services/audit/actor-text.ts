type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * Who made an audit entry, in the reader's language: the login, and for a change made through API v1
 * the key's name as well ("k@example.org (API-Schlüssel „Abrechnung“)"). `t` reads the "audit" texts.
 */
export function auditActorText(t: Translate, entry: { actorLabel: string; actorApiKey: string | null }): string {
  return entry.actorApiKey ? t("actorViaApiKey", { login: entry.actorLabel, name: entry.actorApiKey }) : entry.actorLabel;
}
