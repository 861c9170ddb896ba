/**
 * npx tsx scripts/postfix.ts start|stop|status [--db <path>] [--dir <folder>] [--production] [--database-url postgres://…]
 * Runs a Postfix of our own against Kontor's SQLite (config, queue and log under --dir), on loopback, or
 * against Kontor's PostgreSQL with --database-url or when KONTOR_DATABASE_URL is a postgres:// URL.
 * Ports: KONTOR_POSTFIX_PORT (10027) for incoming SMTP; delivery to Dovecot's KONTOR_LMTP_PORT (10024).
 * Foreign domains: KONTOR_POSTFIX_RELAYHOST, else the loopback sink KONTOR_SMTP_SINK_PORT (10025), or
 * with --production the recipient's MX.
 */
import path from "node:path";
import { databasePath, mailHostname, postfixInternalPort, postfixPort, postfixRelayhost } from "@/lib/config";
import { postgresUrlSetting } from "@/lib/mail/mail-database";
import { portsFromEnv, quotaStatusPortFromEnv, relayPortFromEnv } from "@/scripts/lib/dovecot-process";
import { postfixConfDir, postfixRunningPid, startPostfix, stopPostfix } from "@/scripts/lib/postfix-process";

function parseArgs(argv: string[]) {
  const [command, ...rest] = argv;
  let db = databasePath();
  let dir = path.join(process.cwd(), "data", "postfix");
  let production = false;
  let databaseUrl: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--db" && rest[i + 1]) db = rest[++i];
    else if (arg === "--dir" && rest[i + 1]) dir = rest[++i];
    else if (arg === "--production") production = true;
    else if (arg === "--database-url" && rest[i + 1]) databaseUrl = rest[++i];
    else throw new Error(`Unknown argument: ${arg}`);
  }
  return { command, db: path.resolve(db), dir: path.resolve(dir), production, databaseUrl: postgresUrlSetting(databaseUrl) };
}

async function main() {
  const { command, db, dir, production, databaseUrl } = parseArgs(process.argv.slice(2));
  switch (command) {
    case "start": {
      const relayhost = postfixRelayhost({ production, sinkPort: relayPortFromEnv() });
      const lmtpPort = portsFromEnv().lmtp;
      const { pid, smtpPort, conf, log } = await startPostfix({
        dbPath: db,
        databaseUrl,
        dir,
        smtpPort: postfixPort(),
        internalPort: postfixInternalPort(),
        lmtpPort,
        quotaStatusPort: quotaStatusPortFromEnv(),
        relayhost,
        hostname: mailHostname(),
        production,
      });
      console.log(`Postfix running (pid ${pid}, config ${conf}, database ${databaseUrl === undefined ? db : "PostgreSQL"})`);
      console.log(`  SMTP        127.0.0.1:${smtpPort} (incoming, never relays)`);
      console.log(`  Internal    127.0.0.1:${postfixInternalPort()} (Dovecot's submission and Sieve mail; relays)`);
      console.log(`  Quota check 127.0.0.1:${quotaStatusPortFromEnv()} (Dovecot's quota-status)`);
      console.log(`  Delivery    LMTP 127.0.0.1:${lmtpPort}; other domains ${relayhost || "directly to their MX"}`);
      console.log(`  Log         ${log}`);
      break;
    }
    case "stop":
      console.log((await stopPostfix(dir)) ? "Postfix stopped." : "Postfix was not running.");
      break;
    case "status": {
      const pid = postfixRunningPid(dir);
      console.log(pid === null ? `Postfix is not running (${dir}).` : `Postfix is running (pid ${pid}, config ${postfixConfDir(dir)}).`);
      process.exitCode = pid === null ? 3 : 0;
      break;
    }
    default:
      console.error(
        "Usage: npx tsx scripts/postfix.ts start|stop|status [--db <path>] [--dir <folder>] [--production] [--database-url postgres://…]",
      );
      process.exitCode = 2;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
