/**
 * Lean mail clients for the login benchmark: plain sockets and one regular expression per answer, so
 * the client costs little of the 2-core machine that Dovecot needs (imapflow or nodemailer would
 * spend more CPU per login than Dovecot does).
 *   IMAP:       greeting, LOGIN, SELECT INBOX, LOGOUT (what a mail program does at every check)
 *   submission: greeting, EHLO, AUTH PLAIN, then QUIT without waiting for the answer (Dovecot's answer to
 *               QUIT waits for its relay's, which measures the relay, not the login)
 */
import net from "node:net";

/** `send` goes out before `expect` is awaited; the first step (the greeting) sends nothing. */
type Step = { send: string | null; expect: RegExp };

const quote = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** Runs the steps over one connection; resolves true if every answer matched, false at the first refusal. */
function dialogue(port: number, steps: Step[], refused: RegExp, timeoutMs: number, farewell?: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setNoDelay(true);
    let buffer = "";
    let step = 0;
    const done = (value: boolean | Error) => {
      socket.removeAllListeners("data");
      socket.destroy();
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`no answer on port ${port} within ${timeoutMs} ms after: ${buffer.slice(-200)}`)));
    socket.on("error", (e) => done(e));
    socket.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("latin1");
      if (refused.test(buffer)) {
        done(false);
        return;
      }
      if (!steps[step].expect.test(buffer)) return;
      buffer = "";
      step++;
      if (step === steps.length) {
        if (farewell === undefined) {
          done(true);
          return;
        }
        // Say goodbye and hang up without waiting; a late error of this socket no longer matters.
        socket.removeAllListeners("data");
        socket.setTimeout(0);
        socket.end(farewell);
        resolve(true);
        return;
      }
      const next = steps[step].send;
      if (next !== null) socket.write(next);
    });
  });
}

export function imapLoginSelect(port: number, user: string, pass: string, timeoutMs = 10_000): Promise<boolean> {
  return dialogue(
    port,
    [
      { send: null, expect: /^\* OK.*\r\n/m },
      { send: `a LOGIN ${quote(user)} ${quote(pass)}\r\n`, expect: /^a OK.*\r\n/m },
      { send: "b SELECT INBOX\r\n", expect: /^b OK.*\r\n/m },
      { send: "c LOGOUT\r\n", expect: /^c OK.*\r\n/m },
    ],
    /^[abc] (NO|BAD)\b/m,
    timeoutMs,
  );
}

export function submissionAuth(port: number, user: string, pass: string, timeoutMs = 10_000): Promise<boolean> {
  const plain = Buffer.from(`\0${user}\0${pass}`, "utf8").toString("base64");
  return dialogue(
    port,
    [
      { send: null, expect: /^220 .*\r\n/m },
      { send: "EHLO bench.localhost\r\n", expect: /^250 .*\r\n/m },
      { send: `AUTH PLAIN ${plain}\r\n`, expect: /^235 .*\r\n/m },
    ],
    /^(535|454|5\d\d) /m,
    timeoutMs,
    "QUIT\r\n",
  );
}
