/**
 * npx tsx scripts/postgres.ts start|stop|status|url [--dir <folder>] [--port <port>]
 * Runs a PostgreSQL cluster of our own on 127.0.0.1 (data, socket and log under --dir, default
 * data/postgres) with a role and database `kontor`, and applies Kontor's PostgreSQL migrations.
 * Port: --port, else KONTOR_PG_PORT, else 15432. `url` prints Kontor's postgres:// URL (with its password)
 * for scripts; `start` and `status` show it without the password.
 */
import path from "node:path";
import { migratePostgres } from "@/db/migrate-pg";
import { envPort } from "@/lib/mail/config-values";
import { logFile, runningPostgresUrl, runningServer, startPostgres, stopPostgres } from "./lib/postgres-process";

function parseArgs(argv: string[]) {
  const [command, ...rest] = argv;
  let dir = path.join(process.cwd(), "data", "postgres");
  let port: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--dir" && rest[i + 1]) dir = rest[++i];
    else if (arg === "--port" && rest[i + 1]) port = envPort({ port: rest[++i] }, "port", 0);
    else throw new Error(`Unknown argument: ${arg}`);
  }
  return { command, dir: path.resolve(dir), port };
}

const hidePassword = (url: string) => url.replace(/:[^:@/]+@/, ":***@");

async function main() {
  const { command, dir, port } = parseArgs(process.argv.slice(2));
  switch (command) {
    case "start": {
      const pg = await startPostgres({ dir, port });
      await migratePostgres(pg.url);
      console.log(`PostgreSQL running (pid ${pg.pid}, 127.0.0.1:${pg.port}, folder ${dir}), migrations applied`);
      console.log(`  URL  ${hidePassword(pg.url)}  (full: npx tsx scripts/postgres.ts url --dir ${dir})`);
      console.log(`  Log  ${logFile(dir)}`);
      break;
    }
    case "stop":
      console.log((await stopPostgres(dir)) ? "PostgreSQL stopped." : "PostgreSQL was not running.");
      break;
    case "status": {
      const server = runningServer(dir);
      console.log(
        server ? `PostgreSQL is running (pid ${server.pid}, port ${server.port}, folder ${dir}).` : `PostgreSQL is not running (${dir}).`,
      );
      process.exitCode = server ? 0 : 3;
      break;
    }
    case "url": {
      const url = runningPostgresUrl(dir);
      if (url) console.log(url);
      else console.error(`PostgreSQL is not running (${dir}).`);
      process.exitCode = url ? 0 : 3;
      break;
    }
    default:
      console.error("Usage: npx tsx scripts/postgres.ts start|stop|status|url [--dir <folder>] [--port <port>]");
      process.exitCode = 2;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
