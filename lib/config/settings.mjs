/**
 * Every setting Kontor reads from its environment, parsed and checked in one place. Plain JavaScript
 * because scripts/serve.mjs (the production server, run by plain node) checks them at start before
 * any worker exists; TypeScript code uses lib/config (which re-exports this with its types).
 *
 * Pure: parseSettings reads only the object it is given. An empty value counts as unset, as in
 * `PORT= npm start`. A wrong value throws a ConfigError naming each wrong variable; secrets are never
 * echoed. README.md ("Settings") lists every variable with its default (a unit test keeps it so).
 */
import path from "node:path";
import { z } from "zod";

export const DEFAULTS = Object.freeze({
  port: 3000,
  imapPort: 10143,
  submissionPort: 10587,
  lmtpPort: 10024,
  /** The one loopback SMTP listener of demo and tests: panel mail, submission relay, Sieve redirects. */
  smtpPort: 10025,
  /** Incoming SMTP of Kontor's Postfix (scripts/postfix.ts). */
  postfixPort: 10027,
  /** Dovecot's quota-status policy service that Postfix asks at RCPT (unset: KONTOR_LMTP_PORT + 2). */
  quotaStatusPort: 10026,
  /** Roundcube under `php -S` (scripts/roundcube.ts). */
  webmailPort: 3080,
  timeZone: "Europe/Berlin",
  distDir: ".next",
});

const PORT_MESSAGE = "is not a port (a whole number from 1 to 65535)";

/**
 * `schema` for a value that is set, `fallback` when it is unset or empty. The JSDoc types let
 * TypeScript (lib/config) see each setting's type through this plain JavaScript file.
 * @template {z.ZodType<unknown, string>} S
 * @template F
 * @param {S} schema
 * @param {F} fallback
 * @returns {z.ZodType<NonNullable<z.output<S>> | F, string | undefined>}
 */
function setting(schema, fallback) {
  return z.preprocess((v) => (v === "" ? undefined : v), schema.optional()).transform((v) => v ?? fallback);
}

/** @param {number} fallback */
const port = (fallback) =>
  setting(
    z
      .string()
      .regex(/^\d{1,5}$/, PORT_MESSAGE)
      .transform(Number)
      .refine((n) => n >= 1 && n <= 65535, PORT_MESSAGE),
    fallback,
  );
/** @param {number | undefined} fallback */
const count = (fallback) =>
  setting(
    z
      .string()
      .regex(/^[1-9]\d{0,5}$/, "is not a positive whole number")
      .transform(Number),
    fallback,
  );
const flag = () =>
  setting(
    z.enum(["0", "1"], { error: "must be 0 or 1" }).transform((v) => v === "1"),
    false,
  );
const absolutePath = () =>
  setting(
    z.string().refine((p) => path.isAbsolute(p), "must be an absolute path (scripts and servers run from different folders)"),
    undefined,
  );
/** @param {string | undefined} fallback */
const url = (fallback) =>
  setting(
    z
      .string()
      .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), "must be an http(s) URL such as http://127.0.0.1:3000"),
    fallback,
  );
/**
 * @template {string | undefined} F
 * @param {F} fallback
 */
const text = (fallback) => setting(z.string(), fallback);
const timeZone = () =>
  setting(z.string().refine(isTimeZone, "is not a time zone Intl knows (an IANA name such as Europe/Berlin)"), DEFAULTS.timeZone);
/** @param {string} fallback */
const buildFolder = (fallback) =>
  setting(z.string().regex(/^\.next(-[A-Za-z0-9_]+)*$/, "must be .next or .next-<name> inside the project, such as .next-test"), fallback);

/** The mail services GET /healthz can check (lib/health). */
export const HEALTH_SERVICES = Object.freeze(["dovecot", "postfix"]);
const HEALTH_SERVICES_MESSAGE = `must be a comma-separated list of ${HEALTH_SERVICES.join(", ")}, or none`;
/** A comma-separated choice of HEALTH_SERVICES; `none` for no mail service at all. */
const healthServices = () =>
  setting(
    z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine(
        (list) => (list.length === 1 && list[0] === "none") || (list.length > 0 && list.every((s) => HEALTH_SERVICES.includes(s))),
        HEALTH_SERVICES_MESSAGE,
      )
      .transform((list) => list.filter((s) => s !== "none")),
    [...HEALTH_SERVICES],
  );

/** @param {string} zone */
function isTimeZone(zone) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Values of these are never shown in an error message. */
const SECRET = new Set(["AUTH_SECRET", "KONTOR_SMTP_PASSWORD", "KONTOR_WEBMAIL_SECRET", "KONTOR_DATABASE_URL"]);

export const settingsSchema = z.object({
  NODE_ENV: setting(z.enum(["development", "production", "test"], { error: "must be development, production or test" }), "development"),
  /** Set by `next build` for its own processes; no secret is needed while building. */
  NEXT_PHASE: text(undefined),
  HOST: text("127.0.0.1"),
  PORT: port(DEFAULTS.port),
  NEXT_DIST_DIR: buildFolder(DEFAULTS.distDir),
  KONTOR_WORKERS: count(undefined),
  KONTOR_WORKER_HEAP_MB: count(256),
  KONTOR_WORKER_SEMI_MB: count(8),
  KONTOR_HASH_SLOTS: count(undefined),
  KONTOR_CLUSTER_HASH: flag(),
  /** Set by scripts/serve.mjs's primary for its workers (lib/security/socket-address.mjs). */
  KONTOR_FORWARD_TOKEN: text(undefined),
  KONTOR_TRUST_PROXY: flag(),
  KONTOR_DEMO: flag(),
  /** Set by npm run bench: serves the empty anchor page /bench/empty. */
  KONTOR_BENCH: flag(),
  KONTOR_DB: absolutePath(),
  /** A postgres:// (or postgresql://) URL runs Kontor on PostgreSQL; anything else or nothing keeps SQLite at KONTOR_DB. */
  KONTOR_DATABASE_URL: text(undefined),
  KONTOR_DATABASE_POOL: count(10),
  KONTOR_SIEVE_DIR: absolutePath(),
  KONTOR_MAIL_ROOT: absolutePath(),
  KONTOR_MAIL_SINK_DIR: absolutePath(),
  AUTH_SECRET: text(undefined),
  AUTH_URL: url(undefined),
  KONTOR_PUBLIC_URL: url(undefined),
  KONTOR_TIME_ZONE: timeZone(),
  KONTOR_SMTP_HOST: text("127.0.0.1"),
  KONTOR_SMTP_PORT: port(DEFAULTS.smtpPort),
  KONTOR_SMTP_SECURE: flag(),
  KONTOR_SMTP_USER: text(undefined),
  KONTOR_SMTP_PASSWORD: text(undefined),
  KONTOR_MAIL_FROM: text("Kontor <no-reply@kontor.example>"),
  KONTOR_SMTP_SINK_PORT: port(DEFAULTS.smtpPort),
  KONTOR_IMAP_PORT: port(DEFAULTS.imapPort),
  KONTOR_SUBMISSION_PORT: port(DEFAULTS.submissionPort),
  KONTOR_LMTP_PORT: port(DEFAULTS.lmtpPort),
  KONTOR_QUOTA_STATUS_PORT: port(undefined),
  KONTOR_POSTFIX_PORT: port(DEFAULTS.postfixPort),
  KONTOR_POSTFIX_INTERNAL_PORT: port(undefined),
  KONTOR_POSTFIX_RELAYHOST: text(undefined),
  KONTOR_MAIL_HOSTNAME: text("kontor.localhost"),
  KONTOR_WEBMAIL_PORT: port(DEFAULTS.webmailPort),
  KONTOR_WEBMAIL_URL: url(undefined),
  KONTOR_WEBMAIL_SECRET: text(undefined),
  KONTOR_WEBMAIL_ALLOWED_ADDRESSES: text(""),
  KONTOR_API_RATE_LIMIT: count(600),
  KONTOR_HEALTH_SERVICES: healthServices(),
});

/** The names parseSettings looks at, e.g. to tell whether the environment changed. */
export const SETTING_NAMES = Object.freeze(Object.keys(settingsSchema.shape));

export class ConfigError extends Error {
  /** @param {string[]} problems one line per wrong variable */
  constructor(problems) {
    super(`Kontor's configuration is wrong:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

const MIN_SECRET_LENGTH = 32;

/**
 * The settings in the given environment (usually process.env), with every default applied.
 * @param {Record<string, string | undefined>} env
 */
export function parseSettings(env) {
  const raw = Object.fromEntries(SETTING_NAMES.map((name) => [name, env[name]]));
  const result = settingsSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        const shown = SECRET.has(name) ? "(hidden)" : JSON.stringify(raw[name]);
        return `${name}=${shown} ${issue.message}`;
      }),
    );
  }
  const s = result.data;
  const db = s.KONTOR_DB ?? path.join(process.cwd(), "data", "kontor.db");
  const production = s.NODE_ENV === "production";
  const sieveDir = s.KONTOR_SIEVE_DIR ?? path.join(path.dirname(db), "dovecot", "sieve");
  const settings = {
    nodeEnv: s.NODE_ENV,
    production,
    /** A production server answers requests (not `next build`): it needs a fixed AUTH_SECRET. */
    serving: production && s.NEXT_PHASE !== "phase-production-build",
    demo: s.KONTOR_DEMO,
    bench: s.KONTOR_BENCH,
    server: {
      host: s.HOST,
      port: s.PORT,
      distDir: s.NEXT_DIST_DIR,
      workers: s.KONTOR_WORKERS,
      workerHeapMb: s.KONTOR_WORKER_HEAP_MB,
      workerSemiMb: s.KONTOR_WORKER_SEMI_MB,
      hashSlots: s.KONTOR_HASH_SLOTS,
      clusterHash: s.KONTOR_CLUSTER_HASH,
      forwardToken: s.KONTOR_FORWARD_TOKEN,
      trustProxy: s.KONTOR_TRUST_PROXY,
    },
    database: {
      kind: /^postgres(ql)?:\/\//.test(s.KONTOR_DATABASE_URL ?? "") ? /** @type {const} */ ("postgresql") : /** @type {const} */ ("sqlite"),
      url: s.KONTOR_DATABASE_URL,
      /** Connections each panel process keeps open to PostgreSQL. */
      pool: s.KONTOR_DATABASE_POOL,
    },
    paths: {
      db,
      sieveDir,
      // Dovecot's mail root is the Sieve folder's sibling (scripts/lib/dovecot-process.ts: <dir>/sieve, <dir>/mail).
      mailRoot: s.KONTOR_MAIL_ROOT ?? path.join(path.dirname(sieveDir), "mail"),
      mailSinkDir: s.KONTOR_MAIL_SINK_DIR ?? path.join(path.dirname(db), "mail-sink"),
    },
    auth: { secret: s.AUTH_SECRET, url: s.AUTH_URL },
    publicUrl: s.KONTOR_PUBLIC_URL ?? `http://127.0.0.1:${DEFAULTS.port}`,
    timeZone: s.KONTOR_TIME_ZONE,
    smtp: {
      host: s.KONTOR_SMTP_HOST,
      port: s.KONTOR_SMTP_PORT,
      secure: s.KONTOR_SMTP_SECURE,
      user: s.KONTOR_SMTP_USER,
      password: s.KONTOR_SMTP_PASSWORD,
      from: s.KONTOR_MAIL_FROM,
    },
    dovecot: {
      imapPort: s.KONTOR_IMAP_PORT,
      submissionPort: s.KONTOR_SUBMISSION_PORT,
      lmtpPort: s.KONTOR_LMTP_PORT,
      relayPort: s.KONTOR_SMTP_SINK_PORT,
      // Beside LMTP by default, so each test slot (which sets KONTOR_LMTP_PORT) gets its own.
      quotaStatusPort: s.KONTOR_QUOTA_STATUS_PORT ?? portBeside(s.KONTOR_LMTP_PORT, 2),
    },
    postfix: {
      port: s.KONTOR_POSTFIX_PORT,
      // Dovecot's own way out (authenticated submission, Sieve redirects and replies); beside the public port.
      internalPort: s.KONTOR_POSTFIX_INTERNAL_PORT ?? portBeside(s.KONTOR_POSTFIX_PORT, 1),
      relayhost: s.KONTOR_POSTFIX_RELAYHOST?.trim() || undefined,
    },
    /** The mail servers' host name (HELO, Postfix's own mails); a real name in production. */
    mailHostname: s.KONTOR_MAIL_HOSTNAME.trim() || "kontor.localhost",
    /** The mail services whose ports GET /healthz connects to (lib/health): the ones this installation runs. */
    health: { dovecot: s.KONTOR_HEALTH_SERVICES.includes("dovecot"), postfix: s.KONTOR_HEALTH_SERVICES.includes("postfix") },
    /** Requests per API key and minute (lib/api/rate-limit.ts). */
    api: { rateLimitPerMinute: s.KONTOR_API_RATE_LIMIT },
    webmail: {
      port: s.KONTOR_WEBMAIL_PORT,
      /** Public address for the "Webmail" links; unset hides them. */
      url: s.KONTOR_WEBMAIL_URL?.replace(/\/+$/, "") ?? null,
      /** Shared with Roundcube's password driver; unset: generated beside the database (lib/config webmailSecret). */
      secret: s.KONTOR_WEBMAIL_SECRET,
      /** Socket addresses besides loopback that may call /api/webmail/password (a Roundcube on another host). */
      allowedAddresses: s.KONTOR_WEBMAIL_ALLOWED_ADDRESSES.split(",")
        .map((a) => a.trim())
        .filter(Boolean),
    },
  };
  const secretProblem = checkSecret(settings);
  if (secretProblem) throw new ConfigError([secretProblem]);
  return settings;
}

/**
 * A port `offset` above another (KONTOR_LMTP_PORT + 2, KONTOR_POSTFIX_PORT + 1), so each test slot that
 * sets the base port gets its own; wraps to just above 1024 at the top of the range.
 * @param {number} base
 * @param {number} offset
 * @returns {number}
 */
function portBeside(base, offset) {
  return base + offset <= 65535 ? base + offset : 1024 + base + offset - 65535;
}

/**
 * A production server signs sessions with AUTH_SECRET; a generated one would differ per machine and
 * vanish with the data folder. Only the demo (KONTOR_DEMO=1) may keep a generated one beside the
 * database (lib/config authSecret).
 */
function checkSecret(settings) {
  if (!settings.serving || settings.demo) return undefined;
  if (!settings.auth.secret)
    return `AUTH_SECRET is missing: a production server needs a fixed random secret of at least ${MIN_SECRET_LENGTH} characters (openssl rand -base64 33)`;
  if (settings.auth.secret.length < MIN_SECRET_LENGTH)
    return `AUTH_SECRET=(hidden) is too short: use at least ${MIN_SECRET_LENGTH} random characters (openssl rand -base64 33)`;
  return undefined;
}
