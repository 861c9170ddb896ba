/**
 * The contract between Kontor and Postfix. Postfix's sqlite lookup tables read only these views
 * (migration 0008_postfix_views.sql), so the schema behind them may change as long as the views keep
 * their columns. Every lookup runs against the live database: no export step, no reload.
 *   postfix_domains    (domain)  – every domain that receives mail
 *   postfix_recipients (address) – every deliverable address (lower case); others are refused at RCPT
 *   postfix_disabled   (address) – addresses that exist but are switched off; refused with 550 5.2.1
 *   postfix_virtual    (address, target) – aliases, one row per target; every recipient maps to itself
 *   postfix_catchall   (domain, target)  – the catch-all of a domain (looked up as "@domain"): a mailbox's address,
 *                        or for a mail account `kontor=catchall@<domain>` (CATCH_ALL_LOCAL_PART), an
 *                        address that then is a recipient too and that Dovecot's userdb maps to the account
 */
/**
 * Local part of the delivery address of a catch-all that points at a mail account (migration 0014):
 * `=` is refused in every local part Kontor accepts, so it never collides with a real address.
 */
export const CATCH_ALL_LOCAL_PART = "kontor=catchall";

export const POSTFIX_VIEWS = {
  domains: "postfix_domains",
  recipients: "postfix_recipients",
  disabled: "postfix_disabled",
  virtual: "postfix_virtual",
  catchall: "postfix_catchall",
} as const;

/**
 * One lookup table per view. `%s` is the key Postfix looks up, already lower-cased and SQL-quoted by
 * Postfix; `resultFormat` replaces the value found (for the access table: the
 * SMTP answer).
 */
export type PostfixTable = { name: string; query: string; resultFormat?: string };

export const POSTFIX_TABLES = {
  domains: { name: "domains", query: `SELECT domain FROM ${POSTFIX_VIEWS.domains} WHERE domain = '%s'` },
  recipients: { name: "recipients", query: `SELECT address FROM ${POSTFIX_VIEWS.recipients} WHERE address = '%s'` },
  disabled: {
    name: "disabled",
    query: `SELECT address FROM ${POSTFIX_VIEWS.disabled} WHERE address = '%s'`,
    resultFormat: "550 5.2.1 Mailbox disabled",
  },
  virtual: { name: "virtual", query: `SELECT target FROM ${POSTFIX_VIEWS.virtual} WHERE address = '%s'` },
  // Answers only Postfix's last lookup, the key "@domain": after "name+tag@domain" and "name@domain"
  // missed every table (virtual(5)), so an alias or mailbox reached by a sub-address wins over the
  // catch-all. substr() instead of %d: the key has no local part, and the domain column stays indexed.
  catchall: {
    name: "catchall",
    query: `SELECT target FROM ${POSTFIX_VIEWS.catchall} WHERE domain = substr('%s', 2) AND substr('%s', 1, 1) = '@'`,
  },
} satisfies Record<string, PostfixTable>;
