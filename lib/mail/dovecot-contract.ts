/**
 * The contract between Kontor and Dovecot. Dovecot's SQL passdb reads only this view, so the
 * schema behind it may change as long as the view keeps these two columns:
 *   user     – the lower-cased login (mailbox address, or mail account name like `k10001.001`)
 *   password – the hash with its scheme prefix, `{ARGON2ID}$argon2id$v=19$m=19456,t=2,p=1$…`
 * Disabled mailboxes and accounts are simply absent, so Dovecot refuses them like unknown users.
 */
export const PASSDB_VIEW = "dovecot_passdb";

export const PASSDB_QUERY = `SELECT user, password FROM ${PASSDB_VIEW} WHERE user = '%Lu'`;

export const HASH_SCHEME_PREFIX = "{ARGON2ID}";

/** The view itself is created by migration 0001_dovecot_view_audit_guard.sql. */
