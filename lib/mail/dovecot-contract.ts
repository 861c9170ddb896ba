/**
 * The contract between Kontor and Dovecot. Dovecot's SQL passdb reads only this view, so the
 * schema behind it may change as long as the view keeps these two columns:
 *   user     – the lower-cased login: a mailbox address, a mail account name like `k10001.002`, or an
 *              address routed to a mail account (`kontakt@dorfladen.example`, with that account's hash)
 *   password – the hash with its scheme prefix, `{ARGON2ID}$argon2id$v=19$m=19456,t=2,p=1$…`
 * Disabled mailboxes and accounts are simply absent, so Dovecot refuses them like unknown users.
 */
export const PASSDB_VIEW = "dovecot_passdb";

export const PASSDB_QUERY = `SELECT user, password FROM ${PASSDB_VIEW} WHERE user = '%Lu'`;

export const HASH_SCHEME_PREFIX = "{ARGON2ID}";

/** The view is created by migration 0001 and extended by 0010 (routed addresses). */

/**
 * Dovecot's SQL userdb reads only this view (migration 0005_dovecot_userdb.sql). One row per address
 * mail is delivered to: mailboxes, mail account logins and addresses routed to a mail account.
 *   user     – the lower-cased address or login looked up
 *   login    – whose Maildir receives the mail (the account's login for a routed address)
 *   home     – that Maildir's parent, relative to Dovecot's mail root
 *   quota_mb – storage quota in MiB, NULL for unlimited
 */
export const USERDB_VIEW = "dovecot_userdb";

/** Renders the SQL userdb's query (SQLite) for a mail root and the virtual mail uid/gid. */
export function userdbQuery(mailRoot: string, uid: number, gid: number): string {
  return (
    `SELECT login AS user, '${mailRoot}/' || home AS home, ${uid} AS uid, ${gid} AS gid, ` +
    `CASE WHEN quota_mb IS NULL THEN NULL ELSE '*:storage=' || quota_mb || 'M' END AS quota_rule ` +
    `FROM ${USERDB_VIEW} WHERE user = '%Lu'`
  );
}

/**
 * Where Dovecot's figures land (migration 0011): `login` (the mail user, the userdb view's `login`),
 * `storage_bytes` and `messages` (written by the quota_clone plugin through the dict server) and
 * `last_login` (Unix seconds, written by the Lua passdb, lib/mail/dovecot-lua-passdb.ts).
 */
export const MAIL_USAGE_TABLE = "mail_usage";

/** doveadm iterates users (e.g. for quota recalculation) through this query. */
export const USERDB_ITERATE_QUERY = `SELECT DISTINCT login AS user FROM ${USERDB_VIEW}`;
