import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export type SinkOptions = { dir: string; port: number; host?: string };
export type RunningSink = { port: number; close: () => Promise<void> };

const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * A real SMTP listener on loopback for the demo and the tests: every message it accepts is stored as
 * one .eml file in `dir`, which /demo/mails and the tests read. No auth, no TLS, no relaying anywhere.
 */
export function startSmtpSink({ dir, port, host = "127.0.0.1" }: SinkOptions): Promise<RunningSink> {
  fs.mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    // Its clients are on loopback; a reverse DNS lookup per connection only delays every relayed login.
    disableReverseLookup: true,
    banner: "Kontor mail sink",
    onData(stream, session, callback) {
      // The envelope recipients go first, so tests can prove no header smuggled in an extra one.
      const rcpt = session.envelope.rcptTo.map((r) => r.address).join(", ");
      const chunks: Buffer[] = [Buffer.from(`X-Sink-Rcpt-To: ${rcpt}\r\n`)];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          callback(new Error("Message too large"));
          return;
        }
        // Time first so a directory listing sorts by arrival; the random part avoids collisions.
        const name = `${Date.now()}-${crypto.randomBytes(4).toString("hex")}.eml`;
        const tmp = path.join(dir, `.${name}.tmp`);
        fs.writeFileSync(tmp, Buffer.concat(chunks), { mode: 0o600 });
        fs.renameSync(tmp, path.join(dir, name));
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.server.address();
      resolve({
        port: typeof address === "object" && address ? address.port : port,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}
