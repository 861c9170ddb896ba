import { type Env, settingsFrom } from "@/lib/config";

/**
 * Which database the mail servers read: Kontor's SQLite file, or the PostgreSQL of KONTOR_DATABASE_URL.
 * Dovecot (Lua passdb, SQL userdb, dict) and Postfix (lookup tables) read the same views in both
 * (db/migrations 0001..0013 and db/migrations-pg/0001_views_triggers.sql).
 */
export type MailDatabase = { kind: "sqlite"; path: string } | { kind: "postgresql"; url: string };

/** The parts of a postgres:// URL the mail servers' drivers take one by one. */
export type PgConnection = { host: string; port: number; database: string; user: string; password: string };

// Everything below ends up in config files (Dovecot's connect string, Postfix's table files, Lua):
// only plain characters pass, so nothing needs quoting there and nothing can add a setting.
const PLAIN = /^[A-Za-z0-9._~!*+=-]+$/;
const HOST = /^[A-Za-z0-9.-]+$/;

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

export function parsePostgresUrl(url: string): PgConnection {
  if (!isPostgresUrl(url)) throw new Error("The database URL must start with postgres:// or postgresql://");
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error("The database URL is not a valid URL");
  }
  const conn = {
    host: u.hostname,
    port: u.port === "" ? 5432 : Number(u.port),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
  if (!HOST.test(conn.host)) throw new Error("The database URL's host must be a plain host name or IPv4 address");
  for (const [name, value] of [
    ["database", conn.database],
    ["user", conn.user],
    ["password", conn.password],
  ] as const) {
    if (!PLAIN.test(value))
      throw new Error(`The database URL's ${name} is missing or holds characters the mail servers' configs cannot take`);
  }
  return conn;
}

/** libpq's key=value form, as Dovecot's pgsql driver (passdb/userdb, dict) takes it in `connect =`. */
export function pgConninfo(c: PgConnection): string {
  return `host=${c.host} port=${c.port} dbname=${c.database} user=${c.user} password=${c.password}`;
}

/**
 * The PostgreSQL URL the mail servers' scripts use: `--database-url` when given (it must be postgres://),
 * else KONTOR_DATABASE_URL when Kontor runs on PostgreSQL, else none (SQLite).
 */
export function postgresUrlSetting(arg: string | undefined, env?: Env): string | undefined {
  if (arg !== undefined) {
    parsePostgresUrl(arg);
    return arg;
  }
  const { database } = settingsFrom(env);
  return database.kind === "postgresql" ? database.url : undefined;
}
