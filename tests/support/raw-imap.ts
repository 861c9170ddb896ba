import net from "node:net";

export type RawLoginResult = { ok: boolean; answer: string; ms: number };

const quote = (s: string) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/**
 * One IMAP LOGIN over a plain socket, optionally from another loopback source address (127.0.0.2 …),
 * which Dovecot sees as another client IP. `ms` is the time from sending LOGIN to the tagged answer,
 * i.e. what Dovecot's failure delay and auth penalty add. Every wait is bounded by `timeoutMs`.
 */
export function rawImapLogin(
  port: number,
  user: string,
  pass: string,
  opts: { localAddress?: string; timeoutMs?: number } = {},
): Promise<RawLoginResult> {
  const timeoutMs = opts.timeoutMs ?? 40_000;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port, localAddress: opts.localAddress });
    let buffer = "";
    let sentAt = 0;
    const fail = (e: Error) => {
      socket.destroy();
      reject(e);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`IMAP on ${port} did not answer within ${timeoutMs} ms: ${buffer}`)));
    socket.on("error", fail);
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      if (!sentAt && /^\* OK.*\r\n/m.test(buffer)) {
        buffer = "";
        sentAt = performance.now();
        socket.write(`a1 LOGIN ${quote(user)} ${quote(pass)}\r\n`);
        return;
      }
      const tagged = /^a1 (OK|NO|BAD)\b.*$/m.exec(buffer);
      if (sentAt && tagged) {
        const ms = performance.now() - sentAt;
        socket.end("a2 LOGOUT\r\n");
        resolve({ ok: tagged[1] === "OK", answer: tagged[0].trim(), ms });
      }
    });
  });
}
