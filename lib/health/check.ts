import "server-only";
import { config, type Settings } from "@/lib/config";
import { checkDatabase, type DatabaseHealth } from "./database";
import { type PortState, probeGreeting } from "./greeting";

/**
 * What GET /healthz answers: no secret, no tenant data, no host name, path, version or port, only
 * whether each part answers. `status` is `ok` (HTTP 200) only when the database is reachable and
 * writable, its migrations are current and every mail service this installation runs (KONTOR_HEALTH_SERVICES)
 * greets on its ports.
 */
export type HealthReport = {
  status: "ok" | "fail";
  database: DatabaseHealth;
  dovecot?: { imap: PortState; lmtp: PortState };
  postfix?: { smtp: PortState };
};

/** The mail servers listen on loopback beside the panel (README, "Mail server contract"). */
const MAIL_HOST = "127.0.0.1";
/** Per port, connect and greeting together: a load balancer polls every few seconds. */
const GREETING_TIMEOUT_MS = 1000;
/**
 * Requests within this time share one round of checks (also while it runs), so a burst of polls
 * costs two small queries and three connections per worker, however many arrive.
 */
const REUSE_MS = 1000;

const IMAP = { greeting: /^\* OK /, goodbye: "a LOGOUT\r\n" };
const SMTP = { greeting: /^220[ -]/, goodbye: "QUIT\r\n" };

type ProtocolProbe = typeof IMAP;

async function runChecks(settings: Settings): Promise<HealthReport> {
  const port = (number: number, protocol: ProtocolProbe) =>
    probeGreeting({ host: MAIL_HOST, port: number, timeoutMs: GREETING_TIMEOUT_MS, ...protocol });
  const { dovecot, postfix } = settings.health;
  const [database, imap, lmtp, smtp] = await Promise.all([
    checkDatabase(),
    dovecot ? port(settings.dovecot.imapPort, IMAP) : undefined,
    dovecot ? port(settings.dovecot.lmtpPort, SMTP) : undefined,
    postfix ? port(settings.postfix.port, SMTP) : undefined,
  ]);
  const { problem, ...databaseHealth } = database;
  const report: HealthReport = { status: "ok", database: databaseHealth };
  if (imap && lmtp) report.dovecot = { imap, lmtp };
  if (smtp) report.postfix = { smtp };
  const healthy =
    database.reachable &&
    database.migrations === "current" &&
    database.writable &&
    [imap, lmtp, smtp].every((state) => state === undefined || state === "up");
  report.status = healthy ? "ok" : "fail";
  logChange(report, problem);
  return report;
}

let lastRound: { startedAt: number; report: Promise<HealthReport> } | undefined;
let lastStatus: HealthReport["status"] | undefined;

/** The health of this instance, checked at most once per REUSE_MS. */
export function currentHealth(settings: Settings = config()): Promise<HealthReport> {
  const now = Date.now();
  if (!lastRound || now - lastRound.startedAt >= REUSE_MS) lastRound = { startedAt: now, report: runChecks(settings) };
  return lastRound.report;
}

/** One log line when the status changes (not per poll), with the reason only the server may see. */
function logChange(report: HealthReport, problem: string | undefined) {
  if (report.status === lastStatus) return;
  const first = lastStatus === undefined;
  lastStatus = report.status;
  if (first && report.status === "ok") return;
  const details = JSON.stringify({ ...report, ...(problem ? { problem } : {}) });
  if (report.status === "ok") console.info(`healthz: ok again ${details}`);
  else console.error(`healthz: failing ${details}`);
}
