import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, DEFAULTS, parseSettings, SETTING_NAMES } from "./settings.mjs";

/**
 * The one place that reads Kontor's settings from the environment (lib/config/settings.mjs parses
 * them; README.md "Settings" lists them). Everything else asks here instead of reading process.env.
 */
export type Settings = ReturnType<typeof parseSettings>;
export type Env = Record<string, string | undefined>;
export { ConfigError, DEFAULTS };

let cached: { key: string; settings: Settings } | undefined;

/**
 * The settings of this process. A production server's environment does not change, so it is parsed
 * once; elsewhere (tests, scripts) it is parsed again whenever a setting changed, so a test that sets
 * a variable sees it.
 */
export function config(): Settings {
  if (cached && cached.settings.production) return cached.settings;
  const key = SETTING_NAMES.map((name) => process.env[name] ?? "").join("\0");
  if (cached?.key !== key) cached = { key, settings: parseSettings(process.env) };
  return cached.settings;
}

/** The settings of the given environment, or of this process when none is given. */
export function settingsFrom(env?: Env): Settings {
  return env ? parseSettings(env) : config();
}

/**
 * The environment for a child process (Dovecot, doveadm): this process's, with `extraPath` appended
 * to PATH. Passed through, not read: the children read their own variables.
 */
export function childProcessEnv(extraPath: string[] = []): NodeJS.ProcessEnv {
  return { ...process.env, PATH: [process.env.PATH ?? "", ...extraPath].join(":") };
}

export function databasePath(): string {
  return config().paths.db;
}

/** Which database this installation runs on: the embedded SQLite file, or PostgreSQL (KONTOR_DATABASE_URL). */
export function databaseKind(): "sqlite" | "postgresql" {
  return config().database.kind;
}

/** Only when the operator says a proxy sits in front do we believe X-Forwarded-For. */
export function trustsProxy(): boolean {
  return config().server.trustProxy;
}

/** The zone every time a user reads is shown in (KONTOR_TIME_ZONE). */
export function timeZone(): string {
  return config().timeZone;
}

/**
 * AUTH_SECRET, or (demo, development, tests, `next build`) a random one kept beside the database
 * (0600), so a fresh demo needs no configuration and restarts keep sessions valid. A production
 * server without AUTH_SECRET never gets here: parseSettings refuses it.
 */
export function authSecret(): string {
  return config().auth.secret || secretBesideDatabase(".auth-secret", "AUTH_SECRET");
}

/** Roundcube's port (KONTOR_WEBMAIL_PORT) when nothing else names one. */
export const DEFAULT_WEBMAIL_PORT: number = DEFAULTS.webmailPort;

/**
 * The secret Roundcube's password driver presents to /api/webmail/password: KONTOR_WEBMAIL_SECRET,
 * or a random one kept beside the database (0600), which scripts/roundcube.ts writes into
 * Roundcube's config.
 */
export function webmailSecret(): string {
  return config().webmail.secret || secretBesideDatabase(".webmail-secret", "KONTOR_WEBMAIL_SECRET");
}

/** Public address of the webmail for the "Webmail" links (KONTOR_WEBMAIL_URL); null hides them. */
export function webmailUrl(): string | null {
  return config().webmail.url;
}

/**
 * Socket addresses allowed to call the webmail endpoint: loopback always, plus the comma-separated
 * KONTOR_WEBMAIL_ALLOWED_ADDRESSES (a Roundcube on another host).
 */
export function webmailAllowedAddresses(): string[] {
  return ["127.0.0.1", "::1", "::ffff:127.0.0.1", ...config().webmail.allowedAddresses];
}

/** A random secret in a file beside the database, created once; every server process reads the same. */
function secretBesideDatabase(name: string, variable: string): string {
  const file = path.join(path.dirname(config().paths.db), name);
  const existing = readSecret(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  try {
    fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    // Another process (the server runs one per core) created it first: use theirs once it is written.
    for (let attempt = 0; attempt < 100; attempt++) {
      const theirs = readSecret(file);
      if (theirs) return theirs;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
    throw new ConfigError([`${file} exists but stays empty; remove it or set ${variable}`]);
  }
}

/** Incoming SMTP of Kontor's Postfix on 127.0.0.1 (scripts/postfix.ts), KONTOR_POSTFIX_PORT. */
export function postfixPort(env?: Env): number {
  return settingsFrom(env).postfix.port;
}

/**
 * Postfix's internal listener (KONTOR_POSTFIX_INTERNAL_PORT, default KONTOR_POSTFIX_PORT + 1): Dovecot's
 * submission, Sieve redirects and autoreplies leave there; the public port never relays.
 */
export function postfixInternalPort(env?: Env): number {
  return settingsFrom(env).postfix.internalPort;
}

/**
 * Where Postfix sends mail for foreign domains. KONTOR_POSTFIX_RELAYHOST names a smarthost
 * (`[smtp.example.net]:587`) or `direct` (the recipient's MX). Unset: the loopback sink in demo and
 * tests, direct delivery in production.
 */
export function postfixRelayhost(opts: { production: boolean; sinkPort: number }, env?: Env): string {
  const raw = settingsFrom(env).postfix.relayhost;
  if (raw === "direct") return "";
  if (raw) return raw;
  return opts.production ? "" : `[127.0.0.1]:${opts.sinkPort}`;
}

/** The mail servers' host name (HELO, Postfix's own mails), KONTOR_MAIL_HOSTNAME. */
export function mailHostname(env?: Env): string {
  return settingsFrom(env).mailHostname;
}

function readSecret(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return "";
  }
}
