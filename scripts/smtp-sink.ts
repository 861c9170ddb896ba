/**
 * npx tsx scripts/smtp-sink.ts start|stop|status [--dir <folder>] [--port <port>]
 * The loopback SMTP sink for demo and tests: stores every received mail as .eml in --dir
 * (default: KONTOR_MAIL_SINK_DIR or mail-sink beside KONTOR_DB). Port: --port, KONTOR_SMTP_PORT, 10025.
 * `start` detaches and writes sink.pid into the folder; `run` stays in the foreground.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { startSmtpSink } from "@/scripts/lib/smtp-sink";
import { sinkDir } from "@/lib/mail/sink-mailbox";
import { config } from "@/lib/config";

function parseArgs(argv: string[]) {
  const [command, ...rest] = argv;
  let dir = sinkDir();
  let port = config().smtp.port;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--dir" && rest[i + 1]) dir = rest[++i];
    else if (rest[i] === "--port" && rest[i + 1]) port = Number(rest[++i]);
    else throw new Error(`Unknown argument: ${rest[i]}`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Not a port: ${port}`);
  return { command, dir: path.resolve(dir), port };
}

const pidFile = (dir: string) => path.join(dir, "sink.pid");

function runningPid(dir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(pidFile(dir), "utf8").trim());
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

async function main() {
  const { command, dir, port } = parseArgs(process.argv.slice(2));
  switch (command) {
    case "run": {
      await startSmtpSink({ dir, port });
      fs.writeFileSync(pidFile(dir), String(process.pid));
      console.log(`SMTP sink listening on 127.0.0.1:${port}, storing mail in ${dir}`);
      break;
    }
    case "start": {
      if (runningPid(dir)) {
        console.log(`SMTP sink already running (${dir}).`);
        return;
      }
      fs.mkdirSync(dir, { recursive: true });
      const log = fs.openSync(path.join(dir, "sink.log"), "a");
      const child = spawn(process.execPath, [...process.execArgv, process.argv[1], "run", "--dir", dir, "--port", String(port)], {
        detached: true,
        stdio: ["ignore", log, log],
      });
      child.unref();
      for (let i = 0; i < 50 && !(await canConnect(port)); i++) await new Promise((r) => setTimeout(r, 100));
      if (!(await canConnect(port))) throw new Error(`SMTP sink did not start; see ${path.join(dir, "sink.log")}`);
      console.log(`SMTP sink running (pid ${String(child.pid)}) on 127.0.0.1:${port}, mail in ${dir}`);
      break;
    }
    case "stop": {
      const pid = runningPid(dir);
      if (pid) process.kill(pid, "SIGTERM");
      fs.rmSync(pidFile(dir), { force: true });
      console.log(pid ? "SMTP sink stopped." : "SMTP sink was not running.");
      break;
    }
    case "status": {
      const pid = runningPid(dir);
      console.log(pid ? `SMTP sink is running (pid ${pid}).` : "SMTP sink is not running.");
      process.exitCode = pid ? 0 : 3;
      break;
    }
    default:
      console.error("Usage: npx tsx scripts/smtp-sink.ts start|stop|status|run [--dir <folder>] [--port <port>]");
      process.exitCode = 2;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
