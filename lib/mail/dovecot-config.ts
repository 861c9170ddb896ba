import { checkPath, checkPort } from "@/lib/mail/config-values";
import { DEFAULTS } from "@/lib/config/settings.mjs";
import { MAIL_USAGE_TABLE, PASSDB_QUERY, USERDB_ITERATE_QUERY, userdbQuery } from "@/lib/mail/dovecot-contract";
import { LAST_LOGIN_PRECISION_SECONDS, renderLuaPassdb } from "@/lib/mail/dovecot-lua-passdb";
import { parsePostgresUrl, pgConninfo } from "@/lib/mail/mail-database";
import { viaPgbouncer } from "@/lib/mail/pgbouncer-config";
import { RECIPIENT_DELIMITER } from "@/lib/validation/local-part";

export const DEFAULT_IMAP_PORT = DEFAULTS.imapPort;
export const DEFAULT_SUBMISSION_PORT = DEFAULTS.submissionPort;
export const DEFAULT_LMTP_PORT = DEFAULTS.lmtpPort;
export const DEFAULT_QUOTA_STATUS_PORT = DEFAULTS.quotaStatusPort;
/** Dovecot's quota refusal: permanent (quota_full_tempfail = no), at RCPT TO (quota-status) and at LMTP alike. */
export const OVER_QUOTA_REPLY = "552 5.2.2 Mailbox is full";
/** The one loopback SMTP listener (KONTOR_SMTP_SINK_PORT): panel mail, submission relay, Sieve redirects. */
export const DEFAULT_RELAY_PORT = DEFAULTS.smtpPort;
/** Forward targets per mailbox are capped below this (lib/validation/mailbox.ts); Pigeonhole's default is 4. */
const MAX_REDIRECTS = 60;
/** Virtual mail users own their Maildirs under this uid/gid. */
export const VMAIL_UID = 5000;
export const VMAIL_GID = 5000;
/** The system user (and group) created for that uid and gid where the host has none (lib/mail/mail-user.ts). */
export const MAIL_USER_NAME = "kontor-mail";
/** The names the host knows for VMAIL_UID and VMAIL_GID. */
export type MailUser = { user: string; group: string };

export type DovecotConfigOptions = {
  /** Absolute path of Kontor's SQLite database (ignored when databaseUrl is given). */
  dbPath: string;
  /**
   * Kontor runs on PostgreSQL (KONTOR_DATABASE_URL): Dovecot reads the same views there, through
   * lua-dbi-postgresql (passdb and userdb), and writes usage through its pgsql dict.
   */
  databaseUrl?: string;
  /** Absolute folder that holds the config, runtime sockets, state, log and mail. */
  dir: string;
  imapPort?: number;
  submissionPort?: number;
  lmtpPort?: number;
  /** Loopback port of the quota-status policy service Postfix asks at RCPT TO. */
  quotaStatusPort?: number;
  /** Loopback SMTP port that submission relays to and Sieve redirects are sent through. */
  relayPort?: number;
  /** Folder of the generated Sieve scripts (lib/mail/sieve); default `<dir>/sieve`. */
  sieveDir?: string;
  production?: boolean;
  /** Names of VMAIL_UID and VMAIL_GID (ensureMailUser); default kontor-mail for both. */
  mailUser?: MailUser;
  /** CPU cores of the machine: login and mail processes kept waiting (default 2). */
  cores?: number;
  /**
   * Benchmark anchor only (scripts/bench): a `static` passdb that accepts this password for every
   * user, so the same Dovecot can be measured without any password work. Never for real use.
   */
  staticPassword?: string;
};

export const LUA_PASSDB_FILE = "kontor-passdb.lua";
/** PostgreSQL only: the password the Lua passdb reads at its first login (root only, 0600). */
export const PG_PASSWORD_FILE = "kontor-pg.password";

/**
 * PostgreSQL only. The Lua passdb's driver (lua-dbi) takes no connection options, so libpq's connect
 * timeout comes from its environment variable, which Dovecot passes to its processes only when told.
 * Without it, a database machine gone without a word (no refusal, no reset) held every login for 60 s,
 * until Dovecot gave up on its auth worker ("Temporary authentication failure"); with it, a connection
 * attempt gives up after PG_CONNECT_TIMEOUT_SECONDS and the login gets the same temporary failure at
 * once. The other names are Dovecot 2.3's default list (`doveconf -d import_environment`).
 */
export const PG_CONNECT_TIMEOUT_SECONDS = 5;
const PG_CONNECT_TIMEOUT_SETTING = `import_environment = TZ CORE_OUTOFMEM CORE_ERROR LISTEN_PID LISTEN_FDS NOTIFY_SOCKET PGCONNECT_TIMEOUT=${PG_CONNECT_TIMEOUT_SECONDS}`;

/**
 * Renders dovecot.conf (`main`), on SQLite dovecot-sql.conf.ext (`sqlExt`, the SQL userdb and doveadm's
 * iteration; none on PostgreSQL, where the Lua file is the userdb and nothing reads that file),
 * dovecot-dict-sql.conf.ext (`dictExt`, where Dovecot writes usage and last logins into Kontor's
 * mail_usage table), the Lua passdb (`luaPassdb`, written as LUA_PASSDB_FILE) and, on PostgreSQL, the
 * password file the Lua passdb reads (`pgPassword`, written as PG_PASSWORD_FILE). Pure: writes nothing.
 * The files holding connection details (sqlExt, dictExt, the password) are for root's eyes only.
 */
export function renderDovecotConfig(opts: DovecotConfigOptions): {
  main: string;
  sqlExt?: string;
  dictExt: string;
  luaPassdb: string;
  pgPassword?: string;
} {
  const { dbPath, production = false } = opts;
  const dir = opts.dir.replace(/\/+$/, "");
  const imapPort = opts.imapPort ?? DEFAULT_IMAP_PORT;
  const submissionPort = opts.submissionPort ?? DEFAULT_SUBMISSION_PORT;
  const lmtpPort = opts.lmtpPort ?? DEFAULT_LMTP_PORT;
  const relayPort = opts.relayPort ?? DEFAULT_RELAY_PORT;
  const quotaStatusPort = opts.quotaStatusPort ?? DEFAULT_QUOTA_STATUS_PORT;
  const sieveDir = (opts.sieveDir ?? `${dir}/sieve`).replace(/\/+$/, "");
  if (opts.databaseUrl === undefined) checkPath("dbPath", dbPath);
  checkPath("dir", dir);
  checkPath("sieveDir", sieveDir);
  checkPort("relayPort", relayPort);
  checkPort("imapPort", imapPort);
  checkPort("submissionPort", submissionPort);
  checkPort("lmtpPort", lmtpPort);
  checkPort("quotaStatusPort", quotaStatusPort);
  const cores = Math.max(1, Math.floor(opts.cores ?? 2));
  const mailUser = opts.mailUser ?? { user: MAIL_USER_NAME, group: MAIL_USER_NAME };
  for (const name of [mailUser.user, mailUser.group]) {
    if (!/^[a-z_][a-z0-9_.-]*\$?$/i.test(name)) throw new Error(`mailUser: ${JSON.stringify(name)} is not a user or group name`);
  }
  if (opts.staticPassword !== undefined && !/^[A-Za-z0-9!._-]+$/.test(opts.staticPassword)) {
    throw new Error("staticPassword must be plain characters");
  }

  const pg = opts.databaseUrl === undefined ? undefined : parsePostgresUrl(opts.databaseUrl);
  // Dovecot's SQL drivers: sqlite takes the file, pgsql libpq's key=value string (to the PgBouncer of
  // this folder, which keeps the dict's connections alive across a PostgreSQL restart).
  const connect = pg ? pgConninfo(viaPgbouncer(pg, dir)) : dbPath;
  // SQLite only: Dovecot's SQL userdb. On PostgreSQL the Lua file is the userdb, so this file (it would
  // hold the database password) is not written at all.
  const sqlExt = pg
    ? undefined
    : `# Generated by Kontor (lib/mail/dovecot-config.ts). Dovecot reads only the passdb and userdb views.
driver = sqlite
connect = ${connect}
default_pass_scheme = ARGON2ID
password_query = ${PASSDB_QUERY}
user_query = ${userdbQuery(`${dir}/mail`, VMAIL_UID, VMAIL_GID)}
iterate_query = ${USERDB_ITERATE_QUERY}
`;

  // Dovecot's dict server writes these into Kontor's table mail_usage (migration 0011): the quota_clone
  // plugin copies a mailbox's usage after every change. Kontor's lists read the table and never ask
  // Dovecot per row. The last login is written by the Lua passdb (lib/mail/dovecot-lua-passdb.ts).
  const dictExt = `# Generated by Kontor (lib/mail/dovecot-config.ts). Dovecot writes only the table ${MAIL_USAGE_TABLE}.
connect = ${connect}
map {
  pattern = priv/quota/storage
  table = ${MAIL_USAGE_TABLE}
  username_field = login
  value_field = storage_bytes
  value_type = uint
}
map {
  pattern = priv/quota/messages
  table = ${MAIL_USAGE_TABLE}
  username_field = login
  value_field = messages
  value_type = uint
}
`;

  const throttling = production
    ? `# Production: keep Dovecot's defaults (2 s delay per failed login plus the growing per-IP
# anvil penalty). They are what makes online password guessing against mailboxes slow.
`
    : `# Test/demo only: tests log in with wrong passwords on purpose and must not be slowed down
# or locked out by the per-IP penalty. Never use this in production (see production=true).
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;

  const main = `# Generated by Kontor (lib/mail/dovecot-config.ts); rewritten on every start.
# Everything lives under ${dir} so /etc/dovecot is never touched.
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log

protocols = imap submission lmtp
# Loopback only: TLS is terminated elsewhere (or not needed) in this setup, hence no SSL and
# plaintext AUTH allowed. A public-facing config must enable ssl and disallow plaintext.
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
hostname = kontor.localhost
# Dovecot's default user name characters plus "=": the delivery address of a catch-all that points at a
# mail account is kontor=catchall@<domain> (migration 0014), chosen because no address Kontor accepts
# contains "=". Without it Dovecot refuses that user at LMTP before asking the userdb. No "+": see
# recipient_delimiter below.
auth_username_chars = abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234567890.-_@=

# A password change in the panel must work at the very next login, so Dovecot's auth cache (which
# would keep the old hash) stays off. The Lua passdb reads the passdb view at every login and skips
# argon2 only when an HMAC over the current row matches one it verified (lib/mail/dovecot-lua-passdb.ts).
auth_cache_size = 0
# Logs why a login failed (unknown user, wrong password) and the passdb's first verification of a
# password (one line per mailbox, auth worker and password version).
auth_verbose = yes
# Auth workers run the passdb (argon2 on first logins) and the SQL userdb. Each remembers its own
# verified logins (in memory only), so a mailbox is verified at most once per worker; Dovecot hands
# requests to the first idle worker, so repeated logins mostly meet the same few. Dovecot's default
# of 30: with one or four per core, a storm of first logins queued > 3 s for a worker (an error in
# Dovecot's log) instead of waiting for the CPU.
auth_worker_max_count = 30
${pg ? PG_CONNECT_TIMEOUT_SETTING : ""}
${throttling}
${
  opts.staticPassword === undefined
    ? `passdb {
  driver = lua
  args = file=${dir}/${LUA_PASSDB_FILE} blocking=yes
}`
    : `# Benchmark anchor: no password work at all.
passdb {
  driver = static
  args = password=${opts.staticPassword}
}`
}
# The Lua passdb hands over the userdb answer with its own (prefetch), saving a round trip to an auth
# worker per login; with the static benchmark passdb, prefetch finds nothing and the SQL userdb answers.
userdb {
  driver = prefetch
}
# All mailboxes are virtual users of one uid. The userdb knows every deliverable address,
# including addresses routed to a mail account: it answers with the account as the user, so LMTP
# files the mail into the account's Maildir. Unknown and disabled recipients are refused. It also
# carries each mailbox's quota (LMTP, quota-status, doveadm).
${
  pg
    ? `# On PostgreSQL the Lua file reads the userdb view too, in the auth workers, on the connection it
# opens afresh after a PostgreSQL restart. Dovecot's pgsql userdb did not recover from a restart:
# quota-status answered Postfix 450 until its pool's dead connections were used up.
userdb {
  driver = lua
  args = file=${dir}/${LUA_PASSDB_FILE} blocking=yes
}`
    : `userdb {
  driver = sql
  args = ${dir}/dovecot-sql.conf.ext
}`
}
first_valid_uid = ${VMAIL_UID}
last_valid_uid = ${VMAIL_UID}
mail_location = maildir:~/Maildir
# Quotas come from the userdb (quota_rule); "count" tracks usage in Dovecot's own index. Mail that
# would exceed the quota is refused permanently at delivery (552) instead of being retried forever.
mail_plugins = $mail_plugins quota quota_clone
protocol imap {
  mail_plugins = $mail_plugins imap_quota
}
# The last login is not Dovecot's last_login plugin: it wrote through the dict at every login (~1 ms of
# Dovecot's CPU each, about a third of a repeated login). The Lua passdb writes it instead, only when
# the stored time is older than ${LAST_LOGIN_PRECISION_SECONDS} s (lib/mail/dovecot-lua-passdb.ts).
# The dict server alone opens Kontor's database for writing (${MAIL_USAGE_TABLE}), as root like the auth worker.
# Only the mail processes (uid ${VMAIL_UID}, the system user ${mailUser.user}) may use its socket; the only
# keys it accepts are the usage figures mapped in dovecot-dict-sql.conf.ext.
dict {
  kontor = ${pg ? "pgsql" : "sqlite"}:${dir}/dovecot-dict-sql.conf.ext
}
service dict {
  user = root
  unix_listener dict {
    mode = 0660
    user = ${mailUser.user}
    group = ${mailUser.group}
  }
}
# Special-use flags let mail programs recognise the folders, above all the "Junk" folder the spam
# rule files into (created on first use by Sieve's fileinto :create).
namespace inbox {
  inbox = yes
  mailbox Junk {
    special_use = \\Junk
  }
  mailbox Sent {
    special_use = \\Sent
  }
  mailbox Drafts {
    special_use = \\Drafts
  }
  mailbox Trash {
    special_use = \\Trash
  }
}

# Login and mail processes are reused (Dovecot's "high-performance mode"): forking a login process
# and an imap process per connection cost more than the whole login does. A login process handles
# many connections before login (a bug in it could see other connections' credentials, which is why
# Dovecot's default is one process per connection); all mail processes run as the one virtual mail
# uid, so reusing an imap process for another user crosses no uid boundary. Measured on 2 cores
# (README "Performance"): ~150 IMAP logins/s with a process per connection, > 1,000/s reused.
service imap-login {
  service_count = 0
  client_limit = 1000
  process_min_avail = ${cores}
  process_limit = ${cores * 4}
  vsz_limit = 1G
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service imap {
  service_count = 0
  process_min_avail = ${cores * 2}
}
service submission-login {
  service_count = 0
  client_limit = 1000
  process_min_avail = ${cores}
  process_limit = ${cores * 4}
  vsz_limit = 1G
  inet_listener submission {
    address = 127.0.0.1
    port = ${submissionPort}
  }
}
service submission {
  service_count = 0
  process_min_avail = ${cores}
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
}
# Postfix asks this policy service at RCPT TO (check_policy_service), so a full mailbox is refused in
# the SMTP dialogue with the same answer LMTP would give, instead of a bounce after the queue.
service quota-status {
  executable = quota-status -p postfix
  inet_listener {
    address = 127.0.0.1
    port = ${quotaStatusPort}
  }
  client_limit = 1
}
# Every mail and login process keeps a connection to auth; Dovecot counts the most there could be.
service auth {
  client_limit = 4096
}
# Root can open the WAL database (and its -shm file) whoever owns it; as "dovecot" it would
# need a shared group and a setgid directory (see STACK.md).
service auth-worker {
  user = root
}

# Submission relays to the project's one loopback SMTP listener (KONTOR_SMTP_SINK_PORT).
submission_relay_host = 127.0.0.1
submission_relay_port = ${relayPort}

# Delivery rules (forwarding, black/white list, spam) are Sieve scripts Kontor generates from its
# database (lib/mail/sieve/sync.ts): one file per mailbox that differs from the default, and a
# default for all others. Redirects leave through the same loopback SMTP listener, never sendmail.
protocol lmtp {
  mail_plugins = $mail_plugins sieve
}
# Sub-addressing, with Postfix's recipient_delimiter: LMTP files name${RECIPIENT_DELIMITER}tag@domain into name@domain's
# INBOX (not a folder "tag"), and name@domain's Sieve script runs. "${RECIPIENT_DELIMITER}" stays out of
# auth_username_chars: a login is always the plain address.
recipient_delimiter = ${RECIPIENT_DELIMITER}
lmtp_save_to_detail_mailbox = no
quota_full_tempfail = no
submission_host = 127.0.0.1:${relayPort}
plugin {
  quota = count:User quota
  quota_clone_dict = proxy::kontor
  quota_vsizes = yes
  # Unknown users (aliases, catch-all) are Postfix's business; their targets are checked at LMTP.
  quota_status_success = DUNNO
  quota_status_nouser = DUNNO
  quota_status_overquota = "${OVER_QUOTA_REPLY}"
  sieve = file:${sieveDir}/%Lu.sieve
  sieve_default = ${sieveDir}/default.sieve
  sieve_default_name = kontor
  sieve_extensions = +editheader
  sieve_max_redirects = ${MAX_REDIRECTS}
  # Autoresponder: mail that reached the mailbox through an alias names the alias in To, not the
  # mailbox; Postfix passes the alias as ORCPT, so Pigeonhole recognises it. Replies leave with an
  # empty envelope sender (no bounce loops); the shortest repeat interval is one day.
  sieve_vacation_use_original_recipient = yes
  sieve_vacation_min_period = 1d
  sieve_vacation_default_period = 7d
  sieve_vacation_max_period = 30d
}
`;

  const luaPassdb = renderLuaPassdb({
    dbPath,
    postgres: pg && { host: pg.host, port: pg.port, database: pg.database, user: pg.user, passwordFile: `${dir}/${PG_PASSWORD_FILE}` },
    mailRoot: `${dir}/mail`,
    uid: VMAIL_UID,
    gid: VMAIL_GID,
  });
  return { main, ...(sqlExt === undefined ? {} : { sqlExt }), dictExt, luaPassdb, ...(pg ? { pgPassword: pg.password } : {}) };
}
