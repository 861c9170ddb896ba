/**
 * npx tsx scripts/dovecot.ts start|stop|status [--db <path>] [--dir <folder>] [--relay-port <port>] [--production] [--database-url postgres://…]
 * Runs a Dovecot of our own against Kontor's SQLite (config and mail under --dir), or against Kontor's
 * PostgreSQL with --database-url or when KONTOR_DATABASE_URL is a postgres:// URL.
 * Ports: KONTOR_IMAP_PORT (10143), KONTOR_SUBMISSION_PORT (10587), KONTOR_LMTP_PORT (10024).
 * Submission, Sieve redirects and replies leave through --relay-port: Kontor's Postfix
 * (KONTOR_POSTFIX_PORT) when it runs, else the loopback sink (KONTOR_SMTP_SINK_PORT, 10025).
 */
import path from "node:path";
import { databasePath } from "@/lib/config";
import { envPort } from "@/lib/mail/config-values";
import { postgresUrlSetting } from "@/lib/mail/mail-database";

function parseArgs(argv: string[]) {
  const [command, ...rest] = argv;
  let db = databasePath();
  let dir = path.join(process.cwd(), "data", "dovecot");
  let production = false;
  let databaseUrl: string | undefined;
  let relayPort: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--db" && rest[i + 1]) db = rest[++i];
    else if (arg === "--dir" && rest[i + 1]) dir = rest[++i];
    else if (arg === "--production") production = true;
    else if (arg === "--database-url" && rest[i + 1]) databaseUrl = rest[++i];
    else if (arg === "--relay-port" && rest[i + 1]) relayPort = envPort({ port: rest[++i] }, "port", 0);
    else throw new Error(`Unknown argument: ${arg}`);
  }
  return { command, db: path.resolve(db), dir: path.resolve(dir), production, relayPort, databaseUrl: postgresUrlSetting(databaseUrl) };
}

async function main() {
  const { command, db, dir, production, relayPort, databaseUrl } = parseArgs(process.argv.slice(2));
  // The start re-writes the Sieve scripts from the database through the services' tables, which follow
  // KONTOR_DATABASE_URL when they are first loaded: set it before loading them.
  if (databaseUrl !== undefined) process.env.KONTOR_DATABASE_URL = databaseUrl;
  const { confPath, portsFromEnv, quotaStatusPortFromEnv, relayPortFromEnv, runningPid, startDovecot, stopDovecot } =
    await import("@/scripts/lib/dovecot-process");
  switch (command) {
    case "start": {
      const { pid, ports, conf } = await startDovecot({ dbPath: db, databaseUrl, dir, ports: portsFromEnv(), relayPort, production });
      console.log(`Dovecot running (pid ${pid}, config ${conf}, database ${databaseUrl === undefined ? db : "PostgreSQL"})`);
      console.log(`  IMAP        127.0.0.1:${ports.imap}`);
      console.log(`  Submission  127.0.0.1:${ports.submission}`);
      console.log(`  LMTP        127.0.0.1:${ports.lmtp}`);
      console.log(`  Quota check 127.0.0.1:${quotaStatusPortFromEnv()} (quota-status for Postfix)`);
      console.log(`  Relay       127.0.0.1:${relayPort ?? relayPortFromEnv()}`);
      console.log(`  Log         ${path.join(dir, "dovecot.log")}`);
      break;
    }
    case "stop":
      console.log((await stopDovecot(dir)) ? "Dovecot stopped." : "Dovecot was not running.");
      break;
    case "status": {
      const pid = runningPid(dir);
      console.log(pid === null ? `Dovecot is not running (${dir}).` : `Dovecot is running (pid ${pid}, config ${confPath(dir)}).`);
      process.exitCode = pid === null ? 3 : 0;
      break;
    }
    default:
      console.error(
        "Usage: npx tsx scripts/dovecot.ts start|stop|status [--db <path>] [--dir <folder>] [--relay-port <port>] [--production] [--database-url postgres://…]",
      );
      process.exitCode = 2;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
