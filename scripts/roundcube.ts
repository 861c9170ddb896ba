/**
 * npx tsx scripts/roundcube.ts start|stop|status [--dir <folder>] [--port <port>]
 * Runs Debian's Roundcube on 127.0.0.1 (port: --port, KONTOR_WEBMAIL_PORT, 3080) with its config,
 * SQLite database and logs under --dir (default data/roundcube). It logs in at Kontor's Dovecot
 * (KONTOR_IMAP_PORT, KONTOR_SUBMISSION_PORT) and changes passwords through Kontor's
 * /api/webmail/password at KONTOR_BASE_URL (else AUTH_URL), authenticated by the shared secret
 * (KONTOR_WEBMAIL_SECRET or .webmail-secret beside KONTOR_DB). Links point at KONTOR_PUBLIC_URL.
 */
import path from "node:path";
import { config, webmailSecret } from "@/lib/config";
import { portsFromEnv } from "@/scripts/lib/dovecot-process";
import { runningPid, startRoundcube, stopRoundcube } from "@/scripts/lib/roundcube-process";

function parseArgs(argv: string[]) {
  const [command, ...rest] = argv;
  let dir = path.join(process.cwd(), "data", "roundcube");
  let port = config().webmail.port;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--dir" && rest[i + 1]) dir = rest[++i];
    else if (rest[i] === "--port" && rest[i + 1]) port = Number(rest[++i]);
    else throw new Error(`Unknown argument: ${rest[i]}`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Not a port: ${port}`);
  return { command, dir: path.resolve(dir), port };
}

async function main() {
  const { command, dir, port } = parseArgs(process.argv.slice(2));
  switch (command) {
    case "start": {
      const settings = config();
      // KONTOR_BASE_URL: the test runner's and demo's own server address (not a setting of the panel).
      const kontor = process.env.KONTOR_BASE_URL || settings.auth.url || `http://127.0.0.1:${settings.server.port}`;
      const ports = portsFromEnv();
      const { pid, url } = await startRoundcube({
        dir,
        port,
        imapPort: ports.imap,
        submissionPort: ports.submission,
        kontorApiBase: kontor,
        kontorPublicUrl: process.env.KONTOR_PUBLIC_URL ? settings.publicUrl : kontor,
        secret: webmailSecret(),
      });
      console.log(`Roundcube running (pid ${pid}) on ${url}, config ${path.join(dir, "config")}`);
      console.log(`  IMAP 127.0.0.1:${ports.imap}, submission 127.0.0.1:${ports.submission}, passwords via ${kontor}`);
      break;
    }
    case "stop":
      console.log((await stopRoundcube(dir)) ? "Roundcube stopped." : "Roundcube was not running.");
      break;
    case "status": {
      const pid = runningPid(dir);
      console.log(pid === null ? `Roundcube is not running (${dir}).` : `Roundcube is running (pid ${pid}, ${dir}).`);
      process.exitCode = pid === null ? 3 : 0;
      break;
    }
    default:
      console.error("Usage: npx tsx scripts/roundcube.ts start|stop|status [--dir <folder>] [--port <port>]");
      process.exitCode = 2;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
