/**
 * Every key Kontor writes into an audit entry's details. writeAudit takes details with these keys
 * only (AuditDetails), so a new key cannot be written without being listed here, and
 * tests/unit/audit-detail-texts.test.ts fails until it has its label in every language
 * (messages/<lang>/support.json, audit.detailKeys.<key>). The keys stay the stored and API form;
 * people read the labels (lib/services/audit/detail-text.ts).
 */
export const AUDIT_DETAIL_KEYS = [
  "account",
  "action",
  "address",
  "aliases",
  "area",
  "category",
  "contactEmail",
  "customerNumberBase",
  "domain",
  "domainId",
  "domains",
  "enabled",
  "endsOn",
  "expiresOn",
  "factorsRemoved",
  "fields",
  "format",
  "from",
  "generatedPassword",
  "hashes",
  "imapEncryption",
  "imapHost",
  "imapPort",
  "intervalDays",
  "job",
  "keepCopy",
  "kind",
  "level",
  "lines",
  "login",
  "mailAccount",
  "mailAccounts",
  "mailbox",
  "mailboxes",
  "mailboxQuotaMb",
  "maxDomains",
  "maxForwards",
  "maxMailboxes",
  "number",
  "owner",
  "packageId",
  "panel",
  "pattern",
  "previousEnabled",
  "previousName",
  "previousQuotaMb",
  "publicUrl",
  "quotaMb",
  "reason",
  "recipient",
  "requireClasses",
  "scopes",
  "secondFactor",
  "sentTo",
  "set",
  "smtpEncryption",
  "smtpHost",
  "smtpPort",
  "source",
  "startsOn",
  "status",
  "subscriptionId",
  "target",
  "targets",
  "ticketId",
  "to",
  "via",
] as const;

export type AuditDetailKey = (typeof AUDIT_DETAIL_KEYS)[number];

/** How a change was made ("via"), each with its phrase under audit.via.<value>. */
export const AUDIT_VIA = [
  "webmail",
  "mailbox-settings",
  "user-menu",
  "recovery_link",
  "panel-plesk8",
  "panel-plesk9",
  "panel-plesk10",
  "panel-none",
] as const;

type Value = string | number | boolean | null;

/** Never a password, hash or token: only ids, names and flags. */
export type AuditDetails = { [K in Exclude<AuditDetailKey, "via">]?: Value } & { via?: (typeof AUDIT_VIA)[number] };

/**
 * Keys whose values are codes from a fixed list (a ticket's status, a factor's kind), read as words
 * under audit.detailValues.<value>; other values (names, numbers, addresses) are shown as stored.
 */
export const AUDIT_CODED_DETAILS: readonly AuditDetailKey[] = [
  "action",
  "category",
  "format",
  "from",
  "imapEncryption",
  "kind",
  "panel",
  "reason",
  "recipient",
  "secondFactor",
  "smtpEncryption",
  "status",
  "to",
];
